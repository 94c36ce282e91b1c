//! A held-out set of wire-style sentences written for this project (not taken from any
//! corpus), covering all 31 kinds with passive voice, negation, hypotheticals, reported
//! speech, compound actors, participial clauses and pronouns. It was written before the
//! engine was tuned on the development set; its first run scored P 0.890 R 0.756 F1 0.818.
//! Failure classes it revealed were then fixed in general form (one annotation was
//! corrected, see the U.S. Marines row), so today's score is not a blind estimate any
//! more; `extract_fresh_sentences.rs` holds the second, later set.
//!
//! Each row lists the events a careful analyst would code: `kind actor target modality`,
//! where `-` means "none" and `*` "any". Scoring is the development set's: an extracted
//! event matches an expected one when kind, actor, target and modality all agree; every
//! other extracted event is a false positive. The test prints every miss and false
//! positive and holds a floor on F1; individual rows may fail.

mod common;

/// (sentence, expected events)
const HELD_OUT: &[(&str, &[&str])] = &[
    (
        "Russia has deployed about 10,000 troops to the border with Finland, the Finnish defence ministry said on Monday.",
        &["troop_deployment RUS * claimed"],
    ),
    // Corrected after the first run: the Marines being deployed are the United States' own
    // forces, so the actor is USA (the first annotation said "none").
    (
        "Some 2,500 U.S. Marines will be deployed to northern Australia next year.",
        &["troop_deployment USA AUS planned"],
    ),
    (
        "China and Russia held joint naval drills in the Sea of Japan on Tuesday.",
        &["military_exercise CHN * asserted", "military_exercise RUS * asserted"],
    ),
    (
        "North Korea test-fired two short-range ballistic missiles into the sea off its east coast early on Thursday, South Korea's military said.",
        &["weapons_test PRK - claimed"],
    ),
    (
        "Taiwan put its armed forces on high alert after Chinese warships were spotted near the island.",
        &["military_alert TWN * asserted"],
    ),
    (
        "Russian forces shelled the city of Kharkiv overnight, killing three civilians, Ukrainian officials said.",
        &["attack RUS UKR claimed"],
    ),
    ("Kyiv was attacked by Russian drones early on Sunday.", &["attack RUS UKR asserted"]),
    (
        "An Israeli air strike on Gaza City killed at least 12 people on Wednesday, health officials said.",
        &["attack ISR PSE claimed"],
    ),
    (
        "Five soldiers were killed in a roadside bombing in southern Afghanistan on Friday.",
        &["attack - AFG asserted"],
    ),
    (
        "Indian and Pakistani troops exchanged fire along the Line of Control in Kashmir on Saturday.",
        &["armed_clash IND PAK asserted", "armed_clash PAK IND asserted"],
    ),
    (
        "Sudanese army units clashed with the Rapid Support Forces near Khartoum.",
        &["armed_clash SDN RSF asserted"],
    ),
    (
        "Iranian authorities arrested a French national on spying charges, the judiciary said.",
        &["coercion IRN FRA claimed"],
    ),
    ("Germany deported 28 Afghan nationals to Kabul on Friday.", &["coercion DEU AFG asserted"]),
    ("The Egyptian government banned all public gatherings in Cairo.", &["coercion EGY EGY asserted"]),
    (
        "Iran threatened to close the Strait of Hormuz if the United States imposed new sanctions.",
        &["threat IRN USA asserted"],
    ),
    (
        "North Korea warned it would use nuclear weapons against South Korea if attacked.",
        &["threat PRK KOR asserted"],
    ),
    (
        "The European Union imposed sanctions on 20 Iranian officials over the crackdown on protesters.",
        &["sanctions_imposed EU IRN asserted"],
    ),
    (
        "New sanctions were imposed on Russian banks by the United States and Britain on Thursday.",
        &["sanctions_imposed USA RUS asserted", "sanctions_imposed GBR RUS asserted"],
    ),
    (
        "Poland expelled two Russian diplomats on Tuesday, accusing them of spying.",
        &["diplomatic_downgrade POL RUS asserted", "accusation POL RUS asserted"],
    ),
    ("Niger recalled its ambassador from France.", &["diplomatic_downgrade NER FRA asserted"]),
    (
        "Thousands of protesters rallied in Tbilisi on Sunday against a proposed foreign agents law.",
        &["protest GEO * asserted"],
    ),
    ("Farmers blocked highways across France to protest against fuel taxes.", &["protest FRA * asserted"]),
    ("China condemned the visit by the U.S. House Speaker to Taiwan.", &["criticism CHN USA asserted"]),
    (
        "The United Nations expressed deep concern over the escalating violence in Myanmar.",
        &["criticism UN MMR asserted"],
    ),
    (
        "Ukraine accused Russia of deliberately targeting energy infrastructure.",
        &["accusation UKR RUS asserted"],
    ),
    ("Armenia blamed Azerbaijan for the shelling of border villages.", &["accusation ARM AZE asserted"]),
    (
        "The International Criminal Court opened an investigation into alleged war crimes in Ukraine.",
        &["investigation ICC UKR asserted"],
    ),
    (
        "The United States urged Israel to allow more humanitarian aid into Gaza.",
        &["demand USA ISR asserted"],
    ),
    (
        "Japan said on Wednesday that China must release the detained businessman immediately.",
        &["demand JPN CHN asserted"],
    ),
    (
        "NATO called on Russia to withdraw its troops from Moldova's breakaway region.",
        &["demand NATO RUS asserted"],
    ),
    (
        "Hamas rejected the latest ceasefire proposal put forward by Egypt and Qatar.",
        &["rejection HAMAS * asserted"],
    ),
    ("Hungary refused to sign the joint statement on Ukraine.", &["rejection HUN * asserted"]),
    ("Russia vetoed a U.N. Security Council resolution on Syria.", &["rejection RUS * asserted"]),
    (
        "The Chinese foreign ministry reaffirmed its position that Taiwan is part of China.",
        &["policy_statement CHN * asserted"],
    ),
    (
        "Japan pledged $5 billion to help rebuild Ukraine's energy grid.",
        &["intent_to_cooperate JPN UKR asserted"],
    ),
    (
        "Turkey offered to host peace talks between Russia and Ukraine.",
        &["intent_to_cooperate TUR * asserted"],
    ),
    (
        "Israel and Hamas agreed to a temporary truce on Wednesday.",
        &["agreement ISR HAMAS asserted", "agreement HAMAS ISR asserted"],
    ),
    (
        "India and China reached an agreement on patrolling along their disputed border.",
        &["agreement IND CHN asserted", "agreement CHN IND asserted"],
    ),
    (
        "Russia and North Korea signed a mutual defence treaty in Pyongyang.",
        &["treaty_signed RUS PRK asserted", "treaty_signed PRK RUS asserted"],
    ),
    (
        "Finland's parliament ratified the defence cooperation agreement with the United States.",
        &["treaty_ratified FIN USA asserted"],
    ),
    (
        "Germany praised Kenya for leading the security mission in Haiti.",
        &["diplomatic_support DEU KEN asserted"],
    ),
    (
        "Spain, Ireland and Norway recognised a Palestinian state on Tuesday.",
        &[
            "diplomatic_support ESP PSE asserted",
            "diplomatic_support IRL PSE asserted",
            "diplomatic_support NOR PSE asserted",
        ],
    ),
    (
        "Chinese President Xi Jinping met Russian President Vladimir Putin in Moscow on Monday.",
        &["meeting CHN RUS asserted"],
    ),
    ("Indian Prime Minister Narendra Modi visited Ukraine on Friday.", &["meeting IND UKR asserted"]),
    (
        "Blinken will travel to Beijing next week for talks with Chinese officials.",
        &["intent_to_cooperate USA CHN planned"],
    ),
    (
        "Saudi Arabia hosted talks between U.S. and Ukrainian officials in Jeddah.",
        &["meeting SAU * asserted"],
    ),
    (
        "The United States and the Philippines will share intelligence on Chinese activity in the South China Sea.",
        &["intent_to_cooperate USA * planned", "intent_to_cooperate PHL * planned"],
    ),
    (
        "British instructors trained thousands of Ukrainian soldiers in 2023.",
        &["military_cooperation GBR UKR asserted"],
    ),
    (
        "Saudi Arabia will invest $15 billion in Pakistan's mining sector.",
        &["intent_to_cooperate SAU PAK planned"],
    ),
    (
        "Chinese firms invested heavily in Indonesian nickel processing last year.",
        &["economic_cooperation CHN IDN asserted"],
    ),
    (
        "Germany delivered another batch of Leopard tanks to Ukraine on Thursday.",
        &["military_aid DEU UKR asserted"],
    ),
    (
        "The Pentagon announced a new $400 million military aid package for Kyiv.",
        &["military_aid USA UKR asserted"],
    ),
    ("Jordan airdropped food and medical supplies to Gaza.", &["humanitarian_aid JOR PSE asserted"]),
    (
        "The World Food Programme delivered 500 tons of food aid to Sudan.",
        &["humanitarian_aid UN SDN asserted"],
    ),
    ("The IMF approved a $3 billion loan to Egypt on Friday.", &["economic_aid IMF EGY asserted"]),
    ("Beijing eased travel restrictions on visitors from Australia.", &["concession CHN AUS asserted"]),
    ("The military government lifted the curfew in Bamako.", &["concession MLI MLI asserted"]),
    ("Washington lifted sanctions on Venezuela's oil sector.", &["sanctions_eased USA VEN asserted"]),
    ("France completed the withdrawal of its troops from Niger on Friday.", &["withdrawal FRA NER asserted"]),
    ("Russia released 95 Ukrainian prisoners of war in an exchange.", &["withdrawal RUS UKR asserted"]),
    ("China denied sending troops to Russia.", &["troop_deployment CHN RUS negated"]),
    ("Israel did not attack Iranian nuclear sites, a senior official said.", &["attack ISR IRN negated"]),
    ("Analysts say China could invade Taiwan within the decade.", &["attack CHN TWN hypothetical"]),
    ("If Serbia deploys troops to Kosovo, NATO would respond.", &["troop_deployment SRB XKX hypothetical"]),
    (
        "Poland plans to deploy 10,000 troops along its eastern border next year.",
        &["troop_deployment POL - planned"],
    ),
    (
        "Ukrainian intelligence said Russia had moved nuclear warheads to Belarus.",
        &["troop_deployment RUS BLR claimed"],
    ),
    (
        "Britain and France sent warships to the Red Sea.",
        &["troop_deployment GBR * asserted", "troop_deployment FRA * asserted"],
    ),
    ("Belarus allegedly supplied ammunition to Russian forces.", &["military_aid BLR RUS claimed"]),
    (
        "Azerbaijan launched an offensive in Nagorno-Karabakh, saying it aimed to restore constitutional order.",
        &["attack AZE * asserted"],
    ),
    (
        "Hezbollah fired rockets at northern Israel and Israeli jets struck targets in southern Lebanon.",
        &["attack HEZBOLLAH ISR asserted", "attack ISR LBN asserted"],
    ),
    (
        "Zelensky met European leaders in Brussels on Thursday. He urged them to speed up arms deliveries.",
        &["meeting UKR * asserted", "demand UKR * asserted"],
    ),
    ("It is unclear whether Turkey will send troops to Syria.", &[]),
    ("Experts note that the conflict poses risks for regional stability.", &[]),
    ("The growing threat from Iran dominated the summit.", &[]),
    (
        "Ethiopia and Eritrea signed a peace agreement in 2018, ending two decades of hostility.",
        &["agreement ETH ERI asserted", "agreement ERI ETH asserted"],
    ),
];

#[test]
fn the_held_out_sentences_score_above_the_floor() {
    common::check_floor("A", HELD_OUT, (2024, 10, 25), 0.80);
}

#[test]
fn the_held_out_set_covers_every_kind() {
    for kind in geoevents_domain::Kind::ALL {
        let covered = HELD_OUT
            .iter()
            .any(|(_, rows)| rows.iter().any(|r| r.split_whitespace().next() == Some(kind.as_str())));
        assert!(covered, "no held-out sentence for {kind}");
    }
}
