//! A third held-out set of sentences (set C), written in the style of the PLOVER gold
//! standard and the CAMEO manual (wire copy of the 1980s to the 2000s: titled leaders,
//! archive state names, one event per sentence) after the strict PLOVER scorer landed and
//! before these sentences were ever run. Its first run, engine frozen, scored P 0.703
//! R 0.692 F1 0.698 (tp 45, fp 19, fn 20): the honest figure on unseen text of that kind.
//! The general classes it showed were then fixed (accused acts told as facts, violence by
//! crowds, ethnic demonyms, warnings addressed to an actor, stone throwing, refusals to
//! resume talks, "during" adjuncts, adjectival "suspected", releases of captured troops,
//! joint exercises, suspensions from bodies), so later scores are no longer blind. Same row
//! format and scoring as `extract_sentences.rs`: `kind actor target modality`, `-` none,
//! `*` any.

use chrono::NaiveDate;
use geoevents_domain::{ArticleBody, ArticleInput, ExtractedEvent};

/// (sentence, expected events)
const HELD_OUT: &[(&str, &[&str])] = &[
    (
        "Iraqi President Saddam Hussein on Tuesday rejected a United Nations demand to allow weapons inspectors back into the country.",
        &["rejection IRQ UN asserted"],
    ),
    (
        "Chinese Premier Li Peng arrived in Moscow on Sunday for talks with Russian leaders on border demarcation.",
        &["meeting CHN RUS asserted"],
    ),
    (
        "The Clinton administration imposed trade sanctions on China for selling missile technology to Pakistan.",
        &["sanctions_imposed USA CHN asserted"],
    ),
    (
        "Yasser Arafat accused Israel of sabotaging the peace process by expanding Jewish settlements.",
        &["accusation PSE ISR asserted"],
    ),
    (
        "Israeli warplanes bombed suspected Hezbollah positions in southern Lebanon on Thursday, security sources said.",
        &["attack ISR HEZBOLLAH claimed"],
    ),
    (
        "Japan pledged 500 million dollars in aid to Indonesia to help it recover from the economic crisis.",
        &["intent_to_cooperate JPN IDN asserted"],
    ),
    (
        "Thousands of students marched through Jakarta on Friday demanding the resignation of President Suharto.",
        &["protest IDN IDN asserted"],
    ),
    (
        "Russian troops pulled out of Chechnya's capital Grozny under a peace deal with separatist rebels.",
        &["withdrawal RUS RUS asserted"],
    ),
    (
        "Indian and Pakistani troops exchanged artillery fire across the line of control in Kashmir on Monday.",
        &["armed_clash IND PAK asserted", "armed_clash PAK IND asserted"],
    ),
    ("The European Union on Monday lifted its arms embargo on Libya.", &["sanctions_eased EU LBY asserted"]),
    (
        "Egyptian President Hosni Mubarak urged Israel to halt construction at a Jewish settlement in east Jerusalem.",
        &["demand EGY ISR asserted"],
    ),
    (
        "North Korea threatened to withdraw from the Nuclear Non-Proliferation Treaty if the United States went ahead with military exercises.",
        &["threat PRK * asserted"],
    ),
    (
        "Turkey and Syria signed a security agreement on Tuesday to end Syrian support for Kurdish rebels.",
        &["agreement TUR SYR asserted", "agreement SYR TUR asserted"],
    ),
    (
        "The United Nations Security Council condemned the Bosnian Serb shelling of Sarajevo.",
        &["criticism UN BIH asserted"],
    ),
    (
        "Kenyan police arrested 30 opposition supporters during a rally in Nairobi on Saturday.",
        &["coercion KEN KEN asserted"],
    ),
    (
        "Germany expelled two Iranian diplomats accused of spying on Iranian dissidents.",
        &["diplomatic_downgrade DEU IRN asserted"],
    ),
    (
        "Boris Yeltsin praised Chancellor Helmut Kohl for Germany's support of Russian economic reforms.",
        &["diplomatic_support RUS DEU asserted"],
    ),
    (
        "South Korea offered food aid to North Korea to ease severe shortages.",
        &["intent_to_cooperate KOR PRK asserted"],
    ),
    (
        "Rebels in Sierra Leone released 20 United Nations peacekeepers they had held for two weeks.",
        &["withdrawal SLE UN asserted"],
    ),
    (
        "Cuban President Fidel Castro denounced the U.S. embargo in a speech to the National Assembly.",
        &["criticism CUB USA asserted"],
    ),
    ("Iran denied supplying weapons to Shi'ite militants in Bahrain.", &["military_aid IRN BHR negated"]),
    ("NATO planes attacked Serb targets near Sarajevo on Wednesday.", &["attack NATO SRB asserted"]),
    (
        "Secretary of State Madeleine Albright met Palestinian leader Yasser Arafat in Ramallah.",
        &["meeting USA PSE asserted"],
    ),
    (
        "Zimbabwe's parliament passed a law allowing the government to seize white-owned farms without compensation.",
        &[],
    ),
    (
        "President Nelson Mandela called on Nigeria's military rulers to release political prisoners.",
        &["demand ZAF NGA asserted"],
    ),
    (
        "The Taliban militia captured the northern city of Mazar-i-Sharif on Saturday.",
        &["attack TALIBAN AFG asserted"],
    ),
    (
        "Britain recalled its ambassador from Tehran after the killing of a British diplomat.",
        &["diplomatic_downgrade GBR IRN asserted"],
    ),
    (
        "The Philippine government and Muslim rebels agreed to a ceasefire in Mindanao.",
        &["agreement PHL MILF asserted", "agreement MILF PHL asserted"],
    ),
    (
        "France said it would send 1,000 troops to the Central African Republic to protect its nationals.",
        &["troop_deployment FRA CAF planned"],
    ),
    (
        "Pakistan test-fired a medium-range ballistic missile capable of carrying nuclear warheads on Monday.",
        &["weapons_test PAK - asserted"],
    ),
    ("Serbian police detained three ethnic Albanian activists in Pristina.", &["coercion SRB XKX asserted"]),
    (
        "Hundreds of Palestinians threw stones at Israeli soldiers in Hebron on Friday.",
        &["attack PSE ISR asserted"],
    ),
    (
        "Poland and Lithuania pledged to cooperate in fighting organized crime.",
        &["intent_to_cooperate POL * asserted", "intent_to_cooperate LTU * asserted"],
    ),
    (
        "Argentina protested to Britain over military exercises near the Falkland Islands.",
        &["criticism ARG GBR asserted"],
    ),
    (
        "The International Monetary Fund approved a $2.2 billion loan for Russia.",
        &["economic_aid IMF RUS asserted"],
    ),
    (
        "Syrian Foreign Minister Farouk al-Sharaa said Damascus would not resume talks with Israel unless it agreed to withdraw from the Golan Heights.",
        &["rejection SYR ISR asserted"],
    ),
    (
        "Vietnam and China agreed to settle their border dispute through negotiations.",
        &["agreement VNM CHN asserted", "agreement CHN VNM asserted"],
    ),
    (
        "Ethiopian troops crossed into Somalia and attacked Islamist militia bases, witnesses said.",
        &["attack ETH SOM claimed"],
    ),
    (
        "The Indonesian army has been put on high alert in the province of Aceh.",
        &["military_alert IDN - asserted"],
    ),
    (
        "Libyan leader Moammar Gadhafi hosted the presidents of Chad and Sudan in Tripoli for talks on the Darfur crisis.",
        &["meeting LBY TCD asserted"],
    ),
    ("Greek Cypriot officials rejected a U.N. plan to reunify the island.", &["rejection CYP UN asserted"]),
    (
        "The Kremlin warned NATO against expanding into the former Soviet republics.",
        &["threat RUS NATO asserted"],
    ),
    (
        "Human Rights Watch accused the Sudanese government of bombing civilians in the south.",
        &["accusation HRW SDN asserted"],
    ),
    (
        "Chinese leader Jiang Zemin visited Washington in October for a summit with President Clinton.",
        &["meeting CHN USA asserted"],
    ),
    (
        "Croatian forces launched an offensive to retake the Krajina region from rebel Serbs.",
        &["attack HRV * asserted"],
    ),
    ("Peru's government freed 10 hostages held by Shining Path guerrillas.", &["withdrawal PER * asserted"]),
    (
        "Hamas militants fired mortar shells at a Jewish settlement in the Gaza Strip on Sunday.",
        &["attack HAMAS ISR asserted"],
    ),
    ("Uganda accused Sudan of arming the Lord's Resistance Army rebels.", &["accusation UGA SDN asserted"]),
    (
        "The Organization of American States suspended Honduras after the military coup.",
        &["diplomatic_downgrade OAS HND asserted"],
    ),
    (
        "Colombian President Alvaro Uribe rejected a FARC proposal for a prisoner exchange.",
        &["rejection COL FARC asserted"],
    ),
    (
        "Iranian President Mohammad Khatami called for a dialogue among civilizations during a visit to Italy.",
        &["meeting IRN ITA asserted"],
    ),
    (
        "The U.S. military dropped humanitarian rations over northern Afghanistan.",
        &["humanitarian_aid USA AFG asserted"],
    ),
    ("Tanzania closed its border with Burundi to stop the flow of refugees.", &["attack TZA BDI asserted"]),
    (
        "Russia and China held joint military exercises in the Yellow Sea.",
        &["military_exercise RUS CHN asserted", "military_exercise CHN RUS asserted"],
    ),
    (
        "The Sudanese government expelled the aid group Doctors Without Borders from Darfur.",
        &["diplomatic_downgrade SDN MSF asserted"],
    ),
    (
        "Protesters set fire to the U.S. embassy in Belgrade after NATO began its bombing campaign.",
        &["protest SRB USA asserted"],
    ),
    (
        "Japanese Foreign Minister Yohei Kono apologized to South Korea for Japan's colonial rule.",
        &["diplomatic_support JPN KOR asserted"],
    ),
    (
        "Ukraine agreed to hand over its nuclear warheads to Russia for dismantling.",
        &["intent_to_cooperate UKR RUS asserted"],
    ),
    (
        "The Arab League called on Israel to withdraw from southern Lebanon.",
        &["demand ARAB_LEAGUE ISR asserted"],
    ),
    (
        "Gunmen killed five policemen in an ambush in northern Algeria, the official news agency said.",
        &["attack - DZA claimed"],
    ),
];

fn fits(code: Option<&str>, want: &str) -> bool {
    match want {
        "*" => true,
        "-" => code.is_none(),
        w => code == Some(w),
    }
}

fn matches(row: &str, x: &ExtractedEvent) -> bool {
    let parts: Vec<&str> = row.split_whitespace().collect();
    let [kind, actor, target, modality] = parts.as_slice() else { return false };
    x.kind.as_str() == *kind
        && fits(x.actor.as_ref().map(|a| a.code.as_str()), actor)
        && fits(x.target.as_ref().map(|a| a.code.as_str()), target)
        && x.modality.as_str() == *modality
}

fn extract(text: &str) -> Vec<ExtractedEvent> {
    let published_at =
        NaiveDate::from_ymd_opt(2000, 6, 15).and_then(|d| d.and_hms_opt(12, 0, 0)).map(|d| d.and_utc());
    let input = ArticleInput {
        url: None,
        title: None,
        published_at,
        source: None,
        body: ArticleBody::Text(text.into()),
    };
    geoevents_extract::extract(&input).events
}

fn describe(x: &ExtractedEvent) -> String {
    format!(
        "{} {} {} {}",
        x.kind,
        x.actor.as_ref().map_or("-", |a| a.code.as_str()),
        x.target.as_ref().map_or("-", |a| a.code.as_str()),
        x.modality
    )
}

#[test]
fn the_third_held_out_set_scores_above_its_floor() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (text, expected) in HELD_OUT {
        let events = extract(text);
        let mut used = vec![false; events.len()];
        for row in *expected {
            match (0..events.len()).find(|&j| !used[j] && matches(row, &events[j])) {
                Some(j) => {
                    used[j] = true;
                    tp += 1;
                }
                None => {
                    fn_ += 1;
                    report.push_str(&format!("MISS  {row}\n      {text}\n"));
                }
            }
        }
        for (j, x) in events.iter().enumerate() {
            if !used[j] {
                fp += 1;
                report.push_str(&format!("FP    {}\n      {text}\n", describe(x)));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall > 0.0 { 2.0 * precision * recall / (precision + recall) } else { 0.0 };
    println!(
        "held-out set C: {} sentences, P {precision:.3} R {recall:.3} F1 {f1:.3} (tp {tp}, fp {fp}, fn {fn_})",
        HELD_OUT.len()
    );
    println!("{report}");
    assert!(f1 >= 0.80, "held-out set C F1 {f1:.3} is below the floor\n{report}");
}
