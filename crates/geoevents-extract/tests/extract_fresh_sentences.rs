//! A second held-out set of wire-style sentences (set B), written for this project after
//! the first set had been used to find failure classes. Its first run, with the engine
//! frozen, scored P 0.805 R 0.733 F1 0.767: that is the honest figure on unseen text.
//! General failure classes it then revealed were fixed (government "protests", purpose
//! infinitives, unnamed gunmen, planned offensives), so later scores are no longer blind.
//! Same row format and scoring as `extract_sentences.rs`: `kind actor target modality`,
//! `-` none, `*` any.

mod common;

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

#[test]
fn the_second_held_out_set_scores_above_its_floor() {
    common::check_floor("B", HELD_OUT, (2024, 10, 25), 0.70);
}
