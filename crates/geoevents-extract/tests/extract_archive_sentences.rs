//! A third held-out set of sentences (set C), written in the style of the PLOVER gold
//! standard and the CAMEO manual (wire copy of the 1980s to the 2000s: titled leaders,
//! archive state names, one event per sentence) after the strict PLOVER scorer landed and
//! before these sentences were ever run. Its first run, engine frozen, scored P 0.703
//! R 0.692 F1 0.698 (tp 45, fp 19, fn 20): the honest figure on unseen text of that kind.
//! The general classes it showed were then fixed (accused acts told as facts, violence by
//! crowds, ethnic demonyms, warnings addressed to an actor, stone throwing, refusals to
//! resume talks, "during" adjuncts, adjectival "suspected", releases of captured troops,
//! joint exercises, suspensions from bodies), so later scores are no longer blind.
//!
//! Set D, written the same way after set C's fixes, scored P 0.738 R 0.716 F1 0.727 (tp
//! 48, fp 17, fn 19) on its first run; three rows were then corrected to the project's
//! conventions (one event per actor, not per target; monitors sent are an investigation)
//! and the classes it showed were fixed ("of" phrases after common nouns, "his Israeli
//! counterpart", "in clashes" and "in protest at" as the manner or motive of the verb
//! event, visits to no one, phone calls, amnesties and threatened repression as domestic).
//!
//! Set E (1980s and 1990s wire copy: the Soviet Union, Yugoslavia, the Contras, East
//! Germany) scored P 0.756 R 0.756 F1 0.756 (tp 31, fp 10, fn 10) on its first run; one row
//! was corrected to the registry's convention (the African National Congress is coded as
//! South Africa's governing party) and the classes it showed were fixed (denied reports,
//! decisions by X to act, prisoners held by X, crowds that demonstrate, seized border
//! crossings, victims in a country).
//!
//! Same row format and scoring as `extract_sentences.rs`: `kind actor target modality`,
//! `-` none, `*` any.

mod common;

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

/// Set D: (sentence, expected events)
const HELD_OUT_D: &[(&str, &[&str])] = &[
    (
        "Russian President Vladimir Putin telephoned German Chancellor Gerhard Schroeder on Monday to discuss the crisis in the Balkans.",
        &["meeting RUS DEU asserted"],
    ),
    (
        "Kuwait offered to mediate between Iraq and Saudi Arabia in their dispute over oil quotas.",
        &["intent_to_cooperate KWT * asserted"],
    ),
    (
        "Seoul will resume food aid shipments to Pyongyang next month, the Unification Ministry said.",
        &["intent_to_cooperate KOR PRK planned"],
    ),
    ("The Vatican recognized the state of Israel in 1993.", &["diplomatic_support VAT ISR asserted"]),
    (
        "Prime Minister Tony Blair apologized for Britain's role in the Irish potato famine.",
        &["diplomatic_support GBR * asserted"],
    ),
    (
        "The Algerian government granted an amnesty to Islamist rebels who surrendered their weapons.",
        &["concession DZA DZA asserted"],
    ),
    (
        "Israel eased restrictions on Palestinian workers entering from the West Bank.",
        &["concession ISR PSE asserted"],
    ),
    (
        "The United States and India agreed to expand military cooperation and hold joint naval exercises.",
        &["agreement USA IND asserted", "agreement IND USA asserted"],
    ),
    (
        "Japan extended a $1 billion loan to Thailand to support its currency.",
        &["economic_aid JPN THA asserted"],
    ),
    ("Syrian troops withdrew from Beirut's southern suburbs on Saturday.", &["withdrawal SYR LBN asserted"]),
    (
        "The Serbian government released 2,000 ethnic Albanian prisoners under an amnesty.",
        &["withdrawal SRB * asserted"],
    ),
    (
        "Washington lifted sanctions on Pakistan imposed after its 1998 nuclear tests.",
        &["sanctions_eased USA PAK asserted"],
    ),
    (
        "The Palestinian Authority appealed to the international community to stop Israeli settlement building.",
        &["demand PSE * asserted"],
    ),
    (
        "Indonesia launched an investigation into the killing of three U.N. aid workers in West Timor.",
        &["investigation IDN * asserted"],
    ),
    (
        "China vetoed a U.N. Security Council resolution on extending the peacekeeping mission in Macedonia.",
        &["rejection CHN UN asserted"],
    ),
    (
        "Iran threatened to close the Strait of Hormuz if the United States attacked its nuclear facilities.",
        &["threat IRN * asserted"],
    ),
    (
        "Tens of thousands of workers went on strike in South Korea to protest against labor reforms.",
        &["protest KOR KOR asserted"],
    ),
    ("Libya expelled 30 Egyptian workers accused of illegal residence.", &["coercion LBY EGY asserted"]),
    (
        "Nigeria broke off diplomatic relations with Ghana over the expulsion of its nationals.",
        &["diplomatic_downgrade NGA GHA asserted"],
    ),
    (
        "The United States imposed an oil embargo on Iraq after the invasion of Kuwait.",
        &["sanctions_imposed USA IRQ asserted"],
    ),
    (
        "North Korea put its armed forces on full alert after South Korean warships entered its waters.",
        &["military_alert PRK - asserted"],
    ),
    (
        "Chinese and Russian warships conducted joint drills in the Sea of Japan.",
        &["military_exercise CHN RUS asserted", "military_exercise RUS CHN asserted"],
    ),
    (
        "Pakistani police arrested 40 activists of an Islamic party in Karachi.",
        &["coercion PAK PAK asserted"],
    ),
    (
        "Myanmar's military government banned all public gatherings of more than five people.",
        &["coercion MMR MMR asserted"],
    ),
    ("The Malaysian government deported 300 Indonesian migrants on Tuesday.", &["coercion MYS IDN asserted"]),
    (
        "Serb forces shelled the Muslim enclave of Srebrenica, U.N. officials said.",
        &["attack SRB BIH claimed"],
    ),
    (
        "Turkish troops killed 20 Kurdish rebels in clashes in southeastern Turkey, the army said.",
        &["attack TUR PKK claimed"],
    ),
    (
        "Egypt's foreign minister held talks with his Israeli counterpart in Cairo on Sunday.",
        &["meeting EGY ISR asserted"],
    ),
    (
        "The European Union praised Croatia for its cooperation with the war crimes tribunal.",
        &["diplomatic_support EU HRV asserted"],
    ),
    ("Britain urged Zimbabwe to hold free and fair elections.", &["demand GBR ZWE asserted"]),
    (
        "Venezuela accused the United States of plotting to overthrow President Hugo Chavez.",
        &["accusation VEN USA asserted"],
    ),
    (
        "The Sudanese government rejected a U.N. proposal to deploy peacekeepers in Darfur.",
        &["rejection SDN UN asserted"],
    ),
    (
        "Germany pledged 200 million euros for the reconstruction of Afghanistan.",
        &["intent_to_cooperate DEU AFG asserted"],
    ),
    (
        "Norway delivered 500 tonnes of food to famine-hit areas of southern Sudan.",
        &["humanitarian_aid NOR SDN asserted"],
    ),
    (
        "The Sri Lankan army launched a major offensive against Tamil Tiger rebels in the north.",
        &["attack LKA LTTE asserted"],
    ),
    (
        "Armenia and Azerbaijan signed a ceasefire agreement brokered by Russia.",
        &["agreement ARM AZE asserted", "agreement AZE ARM asserted"],
    ),
    ("NATO began withdrawing its troops from Bosnia on Monday.", &["withdrawal NATO BIH asserted"]),
    ("Thai police fired rubber bullets at protesters in Bangkok.", &["attack THA THA asserted"]),
    ("The Iranian parliament ratified a trade agreement with Turkey.", &["treaty_ratified IRN TUR asserted"]),
    (
        "France condemned the military coup in Niger and suspended aid to the country.",
        &["criticism FRA NER asserted", "sanctions_imposed FRA NER asserted"],
    ),
    (
        "Angola's President Jose Eduardo dos Santos met UNITA leader Jonas Savimbi in Lusaka.",
        &["meeting AGO UNITA asserted"],
    ),
    (
        "Saudi Arabia said it would not allow U.S. forces to use its bases for an attack on Iraq.",
        &["rejection SAU USA asserted"],
    ),
    (
        "Japanese Prime Minister Junichiro Koizumi visited the Yasukuni shrine, angering China and South Korea.",
        &[],
    ),
    ("Tajikistan accused Islamist rebels of violating the ceasefire.", &["accusation TJK * asserted"]),
    (
        "Mexico recalled its ambassador to Cuba after a row over human rights.",
        &["diplomatic_downgrade MEX CUB asserted"],
    ),
    (
        "Moroccan troops clashed with Polisario guerrillas in Western Sahara.",
        &["armed_clash MAR POLISARIO asserted"],
    ),
    (
        "The Chinese government detained several dissidents ahead of the anniversary of the Tiananmen crackdown.",
        &["coercion CHN CHN asserted"],
    ),
    ("Bolivian farmers blocked highways to protest against coca eradication.", &["protest BOL BOL asserted"]),
    ("Kofi Annan called on India and Pakistan to exercise restraint.", &["demand UN IND asserted"]),
    ("The Ugandan army said it had killed 15 LRA rebels in northern Uganda.", &["attack UGA LRA asserted"]),
    (
        "Jordan's King Abdullah hosted Israeli and Palestinian negotiators in Amman.",
        &["meeting JOR ISR asserted"],
    ),
    (
        "Ethiopia and Eritrea exchanged prisoners of war under the supervision of the Red Cross.",
        &["withdrawal ETH ERI asserted", "withdrawal ERI ETH asserted"],
    ),
    ("Liberian rebels seized the port city of Buchanan on Thursday.", &["attack LBR LBR asserted"]),
    (
        "The Kenyan government denied that its troops had crossed into Somalia.",
        &["troop_deployment KEN SOM negated"],
    ),
    (
        "Colombia's President Andres Pastrana suspended peace talks with the FARC.",
        &["diplomatic_downgrade COL FARC asserted"],
    ),
    (
        "The Organization of African Unity sent observers to monitor elections in Togo.",
        &["investigation AU TGO asserted"],
    ),
    (
        "Cambodian Prime Minister Hun Sen threatened to arrest opposition leaders.",
        &["threat KHM KHM asserted"],
    ),
    (
        "Afghan President Hamid Karzai criticized U.S. forces for killing civilians in air strikes.",
        &["criticism AFG USA asserted"],
    ),
    (
        "Hezbollah guerrillas ambushed an Israeli patrol in southern Lebanon, killing two soldiers.",
        &["attack HEZBOLLAH ISR asserted"],
    ),
    (
        "Belarus closed its embassy in Washington in protest at new U.S. sanctions.",
        &["diplomatic_downgrade BLR USA asserted"],
    ),
];

/// Set E: (sentence, expected events)
const HELD_OUT_E: &[(&str, &[&str])] = &[
    (
        "Greek Prime Minister Andreas Papandreou met Turkish Prime Minister Turgut Ozal in Davos on Sunday.",
        &["meeting GRC TUR asserted"],
    ),
    (
        "The Lebanese army was shelled by Syrian forces near Beirut, according to a military statement.",
        &["attack SYR LBN claimed"],
    ),
    ("Austria granted political asylum to three Iranian dissidents.", &["humanitarian_aid AUT IRN asserted"]),
    (
        "The Soviet Union cut off oil supplies to Lithuania in an effort to force it to drop its independence declaration.",
        &["sanctions_imposed RUS LTU asserted"],
    ),
    (
        "Yugoslav federal troops seized control of the main border crossing with Hungary.",
        &["attack SRB HUN asserted"],
    ),
    ("Chinese authorities refused to extradite a Taiwanese hijacker.", &["rejection CHN TWN asserted"]),
    (
        "The Iraqi foreign ministry denied reports that Baghdad had moved troops to the Kuwaiti border.",
        &["troop_deployment IRQ KWT negated"],
    ),
    (
        "South African President F.W. de Klerk said his government was ready to negotiate with the African National Congress.",
        &["intent_to_cooperate ZAF ZAF asserted"],
    ),
    ("Pope John Paul II appealed for calm in Northern Ireland.", &["demand VAT GBR asserted"]),
    (
        "The Nicaraguan government accused Honduras of allowing Contra rebels to operate from its territory.",
        &["accusation NIC HND asserted"],
    ),
    (
        "The Security Council voted to impose an arms embargo on Somalia.",
        &["sanctions_imposed UN SOM asserted"],
    ),
    (
        "Egypt welcomed the decision by Israel to withdraw from southern Lebanon.",
        &["diplomatic_support EGY ISR asserted"],
    ),
    (
        "Thousands of Kosovo Albanians demonstrated in Pristina against Serbian rule.",
        &["protest XKX SRB asserted"],
    ),
    (
        "French Foreign Minister Roland Dumas voiced support for the Arab League peace plan.",
        &["diplomatic_support FRA ARAB_LEAGUE asserted"],
    ),
    (
        "The United States offered humanitarian assistance to earthquake victims in Armenia.",
        &["intent_to_cooperate USA ARM asserted"],
    ),
    ("Vietnamese troops began withdrawing from Cambodia on Tuesday.", &["withdrawal VNM KHM asserted"]),
    (
        "Argentina and Britain restored diplomatic relations severed during the Falklands war.",
        &["diplomatic_support ARG GBR asserted", "diplomatic_support GBR ARG asserted"],
    ),
    ("Iran demanded the release of Lebanese Shiite prisoners held by Israel.", &["demand IRN ISR asserted"]),
    (
        "Pakistani Prime Minister Benazir Bhutto accused India of massing troops on the border.",
        &["accusation PAK IND asserted"],
    ),
    (
        "The Philippine army launched air strikes against Communist rebel positions in the north.",
        &["attack PHL * asserted"],
    ),
    (
        "Polish police used water cannon to break up a Solidarity rally in Gdansk.",
        &["attack POL POL asserted"],
    ),
    (
        "Secretary of State James Baker arrived in Damascus for talks with President Hafez Assad.",
        &["meeting USA SYR asserted"],
    ),
    ("The Israeli cabinet approved a plan to build 5,000 new homes in Jewish settlements.", &[]),
    ("Kenya's President Daniel arap Moi dissolved parliament and called early elections.", &[]),
    (
        "Libya rejected U.S. accusations that it was building a chemical weapons plant.",
        &["rejection LBY USA asserted"],
    ),
    ("Chad accused Libyan forces of bombing its northern towns.", &["accusation TCD LBY asserted"]),
    ("East German authorities opened the Berlin Wall on Thursday night.", &["concession DEU DEU asserted"]),
    ("Iraq invaded Kuwait on August 2.", &["attack IRQ KWT asserted"]),
    (
        "The Arab League suspended Egypt's membership after it signed a peace treaty with Israel.",
        &["diplomatic_downgrade ARAB_LEAGUE EGY asserted"],
    ),
    (
        "Indian troops fired on Kashmiri protesters in Srinagar, killing 12 people, police said.",
        &["attack IND IND claimed"],
    ),
    (
        "Mikhail Gorbachev and George Bush signed a treaty to cut strategic nuclear weapons.",
        &["treaty_signed RUS USA asserted", "treaty_signed USA RUS asserted"],
    ),
    (
        "Japan agreed to provide 4 billion dollars to support the multinational force in the Gulf.",
        &["intent_to_cooperate JPN * asserted"],
    ),
    (
        "The Sandinista government and the Contras agreed to a 60-day truce.",
        &["agreement NIC CONTRAS asserted", "agreement CONTRAS NIC asserted"],
    ),
    ("Romanian troops opened fire on demonstrators in Timisoara.", &["attack ROU ROU asserted"]),
    (
        "Syria called for an end to the fighting between Christian militias in Beirut.",
        &["demand SYR * asserted"],
    ),
    (
        "The IMF suspended loans to Zambia after the government abandoned economic reforms.",
        &["sanctions_imposed IMF ZMB asserted"],
    ),
    ("Israel deported four Palestinian activists to Lebanon on Monday.", &["coercion ISR PSE asserted"]),
    (
        "NATO foreign ministers warned Moscow against using force in the Baltic states.",
        &["threat NATO RUS asserted"],
    ),
    (
        "The Ethiopian government signed a peace agreement with Eritrean rebels in London.",
        &["agreement ETH * asserted"],
    ),
    ("Turkey closed its border with Armenia in solidarity with Azerbaijan.", &["attack TUR ARM asserted"]),
];

#[track_caller]
fn check_floor(name: &str, table: &[(&str, &[&str])], floor: f64) {
    common::check_floor(name, table, (2000, 6, 15), floor);
}

#[test]
fn the_third_held_out_set_scores_above_its_floor() {
    check_floor("C", HELD_OUT, 0.80);
}

#[test]
fn the_fourth_held_out_set_scores_above_its_floor() {
    check_floor("D", HELD_OUT_D, 0.80);
}

#[test]
fn the_fifth_held_out_set_scores_above_its_floor() {
    check_floor("E", HELD_OUT_E, 0.80);
}
