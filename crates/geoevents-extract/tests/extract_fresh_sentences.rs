//! A second held-out set of wire-style sentences (set B), written for this project after
//! the first set had been used to find failure classes. Its first run, with the engine
//! frozen, scored P 0.805 R 0.733 F1 0.767: that is the honest figure on unseen text.
//! General failure classes it then revealed were fixed (government "protests", purpose
//! infinitives, unnamed gunmen, planned offensives), so later scores are no longer blind.
//! Same row format and scoring as `extract_sentences.rs`: `kind actor target modality`,
//! `-` none, `*` any.

use chrono::NaiveDate;
use geoevents_domain::{ArticleBody, ArticleInput, ExtractedEvent};

/// (sentence, expected events)
const HELD_OUT: &[(&str, &[&str])] = &[
    (
        "Turkish warplanes struck Kurdish militant positions in northern Iraq on Wednesday, the defence ministry said.",
        &["attack TUR IRQ claimed"],
    ),
    (
        "Moscow summoned the Finnish ambassador to protest against Helsinki's decision to join NATO.",
        &["criticism RUS FIN asserted"],
    ),
    (
        "The Kenyan government deployed 1,000 police officers to Haiti as part of a U.N.-backed mission.",
        &["troop_deployment KEN HTI asserted"],
    ),
    (
        "Houthi rebels fired a ballistic missile at a commercial ship in the Red Sea.",
        &["attack HOUTHIS * asserted"],
    ),
    (
        "The Philippine coast guard accused Chinese vessels of firing water cannons at its supply boats.",
        &["accusation PHL CHN asserted"],
    ),
    (
        "Israel's foreign minister said the country would not negotiate with Hamas.",
        &["rejection ISR HAMAS asserted"],
    ),
    (
        "Australia and Japan signed a reciprocal access agreement allowing their troops to train together.",
        &["agreement AUS JPN asserted", "agreement JPN AUS asserted"],
    ),
    (
        "The Kremlin denied that Russian forces had targeted civilian areas in Kharkiv.",
        &["attack RUS UKR negated"],
    ),
    (
        "Brazil's president will visit China next month to discuss trade.",
        &["intent_to_cooperate BRA CHN planned"],
    ),
    (
        "Ukraine's parliament voted to ratify an agreement on security cooperation with Britain.",
        &["treaty_ratified UKR GBR asserted"],
    ),
    (
        "Mali's junta expelled the French ambassador and gave him 72 hours to leave the country.",
        &["diplomatic_downgrade MLI FRA asserted"],
    ),
    (
        "Thousands of Serbians marched through Belgrade on Saturday to protest against the government.",
        &["protest SRB SRB asserted"],
    ),
    (
        "The United States announced $2.5 billion in new weapons for Ukraine on Friday.",
        &["military_aid USA UKR asserted"],
    ),
    ("Egypt offered to mediate between Israel and Hamas.", &["intent_to_cooperate EGY * asserted"]),
    (
        "China suspended climate talks with the United States after Pelosi's visit to Taiwan.",
        &["diplomatic_downgrade CHN USA asserted"],
    ),
    (
        "Venezuela released six American detainees on Saturday in a prisoner swap with Washington.",
        &["withdrawal VEN USA asserted"],
    ),
    (
        "Armenian and Azerbaijani troops exchanged fire across the border overnight.",
        &["armed_clash ARM AZE asserted", "armed_clash AZE ARM asserted"],
    ),
    (
        "Iran's navy seized a Greek-flagged tanker in the Gulf of Oman, state media reported.",
        &["coercion IRN * claimed"],
    ),
    (
        "North Korean leader Kim Jong-un oversaw a test of a new hypersonic missile, state media said.",
        &["weapons_test PRK - claimed"],
    ),
    (
        "Germany will send two air defence systems to Kyiv, Chancellor Olaf Scholz said.",
        &["intent_to_cooperate DEU UKR planned"],
    ),
    ("Police in Nairobi fired tear gas at protesters demanding lower taxes.", &["attack KEN KEN asserted"]),
    (
        "The European Union slapped sanctions on Belarusian officials over the forced landing of a passenger jet.",
        &["sanctions_imposed EU BLR asserted"],
    ),
    (
        "India and Pakistan agreed to a ceasefire along the Line of Control.",
        &["agreement IND PAK asserted", "agreement PAK IND asserted"],
    ),
    (
        "Russia pulled its troops out of the area around Kyiv in early April.",
        &["withdrawal RUS UKR asserted"],
    ),
    (
        "Somalia's president praised Turkey for its support in fighting al-Shabaab.",
        &["diplomatic_support SOM TUR asserted"],
    ),
    ("Cuba condemned the U.S. embargo as a violation of international law.", &["criticism CUB USA asserted"]),
    (
        "Nigeria's military said it had killed 50 Boko Haram fighters in an air strike in Borno state.",
        &["attack NGA * asserted"],
    ),
    (
        "Demonstrators stormed the parliament building in Colombo, demanding the resignation of the president.",
        &["protest LKA * asserted"],
    ),
    (
        "Japan lodged a protest with China over the incursion of Chinese coast guard ships into its territorial waters.",
        &["criticism JPN CHN asserted"],
    ),
    ("Qatar hosted indirect talks between Iran and the United States in Doha.", &["meeting QAT * asserted"]),
    ("Lithuania banned the entry of Russian-registered vehicles.", &["coercion LTU * asserted"]),
    (
        "The World Bank approved a $1.5 billion loan for Ukraine's reconstruction.",
        &["economic_aid WORLD_BANK UKR asserted"],
    ),
    ("Hungary is expected to veto the EU's new aid package for Ukraine.", &["rejection HUN * planned"]),
    (
        "Gunmen abducted more than 200 students from a school in northern Nigeria, local officials said.",
        &["attack - NGA claimed"],
    ),
    ("Colombia and the ELN rebels resumed peace talks in Caracas.", &["meeting COL * asserted"]),
    (
        "The Polish government recalled its ambassador from Israel after the killing of an aid worker in Gaza.",
        &["diplomatic_downgrade POL ISR asserted"],
    ),
    (
        "China's military staged large-scale drills around Taiwan on Saturday.",
        &["military_exercise CHN * asserted"],
    ),
    (
        "Niger's junta ordered French troops to leave the country within a month.",
        &["demand NER FRA asserted"],
    ),
    (
        "Tehran has threatened to retaliate if Israel strikes its nuclear facilities.",
        &["threat IRN ISR asserted"],
    ),
    ("Sweden could join NATO as early as next month, officials said.", &[]),
    ("The ministry did not say whether the two sides would meet again.", &[]),
    ("Officials in Kyiv believe Russia is preparing a new offensive in the east.", &["attack RUS * planned"]),
    (
        "Canada expelled an Indian diplomat over the killing of a Sikh separatist leader.",
        &["diplomatic_downgrade CAN IND asserted"],
    ),
    (
        "Protests erupted in Tehran after the death of a young woman in police custody.",
        &["protest IRN * asserted"],
    ),
    ("The rebels refused to lay down their arms.", &[]),
];

struct Expected<'a> {
    kind: &'a str,
    actor: &'a str,
    target: &'a str,
    modality: &'a str,
}

fn parse(row: &str) -> Expected<'_> {
    let mut parts = row.split_whitespace();
    let mut next = || parts.next().unwrap_or("");
    Expected { kind: next(), actor: next(), target: next(), modality: next() }
}

fn fits(code: Option<&str>, want: &str) -> bool {
    match want {
        "*" => true,
        "-" => code.is_none(),
        w => code == Some(w),
    }
}

fn matches(e: &Expected<'_>, x: &ExtractedEvent) -> bool {
    x.kind.as_str() == e.kind
        && fits(x.actor.as_ref().map(|a| a.code.as_str()), e.actor)
        && fits(x.target.as_ref().map(|a| a.code.as_str()), e.target)
        && x.modality.as_str() == e.modality
}

fn extract(text: &str) -> Vec<ExtractedEvent> {
    let published_at =
        NaiveDate::from_ymd_opt(2024, 10, 25).and_then(|d| d.and_hms_opt(12, 0, 0)).map(|d| d.and_utc());
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
fn the_second_held_out_set_scores_above_its_floor() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for (text, expected) in HELD_OUT {
        let events = extract(text);
        let wanted: Vec<Expected<'_>> = expected.iter().map(|r| parse(r)).collect();
        let mut used = vec![false; events.len()];
        for (row, e) in expected.iter().zip(&wanted) {
            match (0..events.len()).find(|&j| !used[j] && matches(e, &events[j])) {
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
        "held-out set B: {} sentences, P {precision:.3} R {recall:.3} F1 {f1:.3} (tp {tp}, fp {fp}, fn {fn_})",
        HELD_OUT.len()
    );
    println!("{report}");
    assert!(f1 >= 0.70, "held-out set B F1 {f1:.3} is below the floor\n{report}");
}
