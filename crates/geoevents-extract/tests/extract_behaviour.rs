//! Table-driven checks of what the extractor must get right, one behaviour per table:
//! kinds disambiguated by their object, roles in every voice and clause type, modality cues
//! and their scope, dates resolved against the publication date, quantities with their
//! qualifiers, merging within an article, evidence offsets, and precision traps.
//!
//! Rows use `kind actor target modality` with `-` for none and `*` for any; a row with an
//! empty expectation list means "no event at all".

mod common;

use chrono::NaiveDate;
use common::{describe, extract_on, matches};
use geoevents_domain::{DatePrecision, ExtractedEvent, Modality, QuantityQualifier, Sector};

fn extract(text: &str) -> Vec<ExtractedEvent> {
    extract_on(text, Some((2024, 10, 23)))
}

/// Checks that the events of each text are exactly the expected ones (order-free).
#[track_caller]
fn check_table(table: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, expected) in table {
        let events = extract(text);
        let got: Vec<String> = events.iter().map(describe).collect();
        let mut used = vec![false; events.len()];
        let mut ok = true;
        for row in *expected {
            match (0..events.len()).find(|&j| !used[j] && matches(row, &events[j])) {
                Some(j) => used[j] = true,
                None => ok = false,
            }
        }
        if !ok || used.iter().any(|u| !u) {
            failures.push(format!("{text}\n    want {expected:?}\n    got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} row(s) failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn the_object_decides_the_kind_of_a_verb() {
    check_table(&[
        ("Russia sent 2,000 troops to Belarus.", &["troop_deployment RUS BLR asserted"]),
        ("Japan sent humanitarian aid to Turkey.", &["humanitarian_aid JPN TUR asserted"]),
        ("France sent a letter to Algeria.", &[]),
        ("Britain signed a defence treaty with Poland.", &["treaty_signed GBR POL asserted"]),
        ("Kenya signed a new law on public protests.", &[]),
        ("Iran struck a deal with China.", &["agreement IRN CHN asserted"]),
        ("Russian missiles struck a hospital in Kharkiv.", &["attack RUS UKR asserted"]),
        ("Germany is sending troops to Lithuania.", &["troop_deployment DEU LTU asserted"]),
        (
            "The deployment of 3,000 Russian troops to Belarus alarmed Poland.",
            &["troop_deployment RUS BLR asserted"],
        ),
        ("Turkey ratified Sweden's accession protocol.", &["treaty_ratified TUR SWE asserted"]),
    ]);
}

#[test]
fn a_sentence_with_two_actions_gives_two_events() {
    check_table(&[(
        "South Korea has joined U.S.-led sanctions against Russia and provided humanitarian aid to Ukraine.",
        &["sanctions_imposed KOR RUS asserted", "humanitarian_aid KOR UKR asserted"],
    )]);
}

#[test]
fn roles_follow_voice_and_clause_structure() {
    check_table(&[
        ("Kyiv was attacked by Russian drones.", &["attack RUS UKR asserted"]),
        (
            "Seoul expressed concern after Russia ratified a treaty with North Korea, urging Moscow to halt its cooperation.",
            &["criticism KOR RUS asserted", "treaty_ratified RUS PRK asserted", "demand KOR RUS asserted"],
        ),
        ("Russia said on Tuesday that Sudan must return the helicopter.", &["demand RUS SDN asserted"]),
        ("North Korea's troop deployment to Russia alarmed Seoul.", &["troop_deployment PRK RUS asserted"]),
        ("President Yoon visited Washington.", &["meeting KOR USA asserted"]),
        ("British Foreign Secretary Tom King met Chinese officials.", &["meeting GBR CHN asserted"]),
        (
            "South Korea and Japan condemned the missile launch.",
            &["criticism KOR * asserted", "criticism JPN * asserted"],
        ),
        ("Three civilians were killed in a car bombing in Baghdad.", &["attack - IRQ asserted"]),
        ("The government condemned the attack.", &[]),
        // A noun that is no event alone heads what is demanded, and brings its party.
        ("Peru demanded a ceasefire with Chile.", &["demand PER CHL asserted"]),
        ("Peru called for a truce with Chilean forces.", &["demand PER CHL asserted"]),
        // "The two" and "both sides" are the pair last named; their agreeing is an agreement.
        (
            "Yoon met Kishida in Tokyo on Thursday. The two agreed to revive regular visits.",
            &["meeting KOR JPN asserted", "agreement KOR JPN asserted", "agreement JPN KOR asserted"],
        ),
        // A border closed with no neighbour named is closed on the party that provoked it.
        (
            "Chile banned Peruvian imports, while Peru imposed tight border restrictions.",
            &["sanctions_imposed CHL PER asserted", "sanctions_imposed PER CHL asserted"],
        ),
        (
            "Peru closed its border after Chilean troops attacked a Peruvian village.",
            &["sanctions_imposed PER CHL asserted", "attack CHL PER asserted"],
        ),
        // "What they called threats" names something; it hosts no threat.
        (
            "Peru and Chile met in view of what they called heightened threats to regional security.",
            &["meeting PER CHL asserted", "meeting CHL PER asserted"],
        ),
        ("Peru remained alarmed by the Chilean strikes.", &["criticism PER CHL asserted"]),
        // Approving a deal ratifies it; welcoming the deal supports no one party, welcoming a
        // party's ratification supports that party.
        (
            "Peru and Chile agreed a ceasefire on Monday. Peru's cabinet approved the deal on Tuesday. Brazil welcomed the deal.",
            &[
                "agreement PER CHL asserted",
                "agreement CHL PER asserted",
                "treaty_ratified PER - asserted",
                "diplomatic_support BRA - asserted",
            ],
        ),
        (
            "Chile ratified the border treaty on Tuesday. Brazil welcomed Chile's ratification.",
            &["treaty_ratified CHL - asserted", "diplomatic_support BRA CHL asserted"],
        ),
        // Two partners in a joint exercise are each other's targets, as the project's sentence
        // sets C and D code them; "drills with X" aims at X.
        (
            "Peru and Chile held joint naval drills on Monday.",
            &["military_exercise PER CHL asserted", "military_exercise CHL PER asserted"],
        ),
        ("Peru held naval drills with Chile on Monday.", &["military_exercise PER CHL asserted"]),
        // A subordinate clause set off between subject and verb keeps its subject to itself.
        ("Peru, as Chile watched, attacked Bolivia.", &["attack PER BOL asserted"]),
        // An agreement takes two: failing to reach one, each side turned the other down.
        (
            "Peru and Chile failed to reach agreement on the fate of a Chilean port.",
            &["rejection PER CHL asserted", "rejection CHL PER asserted"],
        ),
    ]);
}

#[test]
fn a_name_the_article_defines_as_an_alias_stands_for_that_actor() {
    check_table(&[
        (
            "The Popular Front for Renewal (ELN) attacked Colombia on Monday. On Tuesday the Popular Front for Renewal attacked Peru.",
            &["attack ELN COL asserted", "attack ELN PER asserted"],
        ),
        (
            "The Popular Front for Renewal, known as the ELN, attacked Colombia. The Popular Front for Renewal also attacked Peru.",
            &["attack ELN COL asserted", "attack ELN PER asserted"],
        ),
    ]);
}

#[test]
fn a_named_official_stands_for_the_state_out_of_office_too() {
    // Moody Awori served Kenya from 2003 to 2008 (imported offices); the article is dated
    // 2024: no longer in office, still Kenya's.
    check_table(&[("Moody Awori accused Uganda of lying.", &["accusation KEN UGA asserted"])]);
}

#[test]
fn a_pronoun_refers_back_to_the_last_named_person() {
    check_table(&[(
        "Zelensky met Macron in Paris on Monday. He urged France to send more air defence systems.",
        &["meeting UKR FRA asserted", "demand UKR FRA asserted"],
    )]);
}

#[test]
fn demonyms_titles_and_head_nouns_set_the_sector() {
    let cases: &[(&str, &str, Sector)] = &[
        ("North Korean troops attacked Ukrainian positions.", "PRK", Sector::Military),
        ("The South Korean government condemned the launch by North Korea.", "KOR", Sector::Government),
        ("Ukrainian officials accused Russia of war crimes.", "UKR", Sector::Government),
        ("Russian forces shelled Kharkiv.", "RUS", Sector::Military),
        ("President Yoon visited Washington.", "KOR", Sector::Leader),
        ("Georgian police arrested twelve protesters in Tbilisi.", "GEO", Sector::Police),
    ];
    for (text, code, sector) in cases {
        let events = extract(text);
        let actor = events.first().and_then(|e| e.actor.clone());
        let actor = actor.unwrap_or_else(|| panic!("no actor for {text}: {events:?}"));
        assert_eq!((actor.code.as_str(), actor.sector), (*code, Some(*sector)), "{text}");
    }
}

#[test]
fn modality_cues_govern_the_trigger_they_scope_over() {
    let rows: &[(&str, Modality)] = &[
        ("Russia sent troops to Belarus.", Modality::Asserted),
        ("Russia reportedly sent troops to Belarus.", Modality::Claimed),
        ("According to officials, Russia sent troops to Belarus.", Modality::Claimed),
        ("Reports suggest that Russia sent troops to Belarus.", Modality::Claimed),
        ("Russia is said to have sent troops to Belarus.", Modality::Claimed),
        ("Russia sent troops to Belarus, Polish officials said.", Modality::Claimed),
        ("Russia will send troops to Belarus.", Modality::Planned),
        ("Russia plans to send troops to Belarus.", Modality::Planned),
        ("Russia is set to send troops to Belarus.", Modality::Planned),
        ("Russia is considering sending troops to Belarus.", Modality::Planned),
        ("Russia is expected to send troops to Belarus.", Modality::Planned),
        ("Russia could send troops to Belarus.", Modality::Hypothetical),
        ("Russia might send troops to Belarus.", Modality::Hypothetical),
        ("If Russia sends troops to Belarus, Poland will close its border.", Modality::Hypothetical),
        ("Russia did not send troops to Belarus.", Modality::Negated),
        ("Russia has not sent troops to Belarus.", Modality::Negated),
        ("Russia denied sending troops to Belarus.", Modality::Negated),
        ("No troops were sent to Belarus by Russia.", Modality::Negated),
        ("Russia said sending troops to Belarus is an option.", Modality::Hypothetical),
    ];
    let mut failures = Vec::new();
    for (text, want) in rows {
        let events = extract(text);
        let got = events.iter().find(|e| e.kind.as_str() == "troop_deployment").map(|e| e.modality);
        if got != Some(*want) {
            failures.push(format!(
                "{text}: want {want}, got {got:?} ({:?})",
                events.iter().map(describe).collect::<Vec<_>>()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_hedge_scopes_over_a_nested_conditional() {
    check_table(&[(
        "Analysts suggest that if South Korea were to directly transfer military assistance to Ukraine, it would underscore tensions.",
        &["military_aid KOR UKR hypothetical"],
    )]);
    let events = extract("U.S. and Ukrainian officials believe that North Korea sent troops to Russia.");
    let attribution = events.first().and_then(|e| e.attribution.clone()).unwrap_or_default();
    assert!(attribution.contains("U.S. and Ukrainian officials"), "{attribution:?}");
    assert_eq!(events.first().map(|e| e.modality), Some(Modality::Claimed));
}

#[test]
fn statements_and_future_commitments_are_coded_as_cameo_codes_them() {
    check_table(&[
        (
            "Finland will give Tanzania a grant of 580 million shillings.",
            &["intent_to_cooperate FIN TZA planned"],
        ),
        ("Iran threatened to launch a new offensive against Iraq.", &["threat IRN IRQ asserted"]),
        ("Pakistan refused to deploy peacekeepers in Iraq.", &["rejection PAK IRQ asserted"]),
        ("Syria says it will not accept any more refugees.", &["rejection SYR - asserted"]),
        (
            "Libya has offered to hand over two suspects to Britain.",
            &["intent_to_cooperate LBY GBR asserted"],
        ),
    ]);
}

#[test]
fn a_quote_in_the_next_sentence_belongs_to_the_speakers_statement() {
    let text = "President Yoon has hinted that arming Ukraine could become an option if the North escalates. \
                He stated, \"We can review our stance on arming Ukraine more flexibly.\"";
    let events = extract(text);
    let aid = events.iter().find(|e| e.kind.as_str() == "military_aid").expect("military aid event");
    let quote = aid.quote.as_ref().expect("quote attached");
    assert!(quote.text.starts_with("We can review"), "{quote:?}");
    assert_eq!(aid.evidence.len(), 2, "the quote's sentence is evidence too");
}

#[test]
fn dates_resolve_against_the_publication_date_with_the_right_bias() {
    // Published on Wednesday 23 October 2024.
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("valid date");
    let rows: &[(&str, NaiveDate, NaiveDate, DatePrecision)] = &[
        ("Russia attacked Kyiv on October 5.", d(2024, 10, 5), d(2024, 10, 5), DatePrecision::Day),
        ("Russia attacked Kyiv on Oct. 5, 2023.", d(2023, 10, 5), d(2023, 10, 5), DatePrecision::Day),
        ("Russia attacked Kyiv in March.", d(2024, 3, 1), d(2024, 3, 31), DatePrecision::Month),
        ("Russia attacked Kyiv in November.", d(2023, 11, 1), d(2023, 11, 30), DatePrecision::Month),
        ("Russia attacked Kyiv in 2023.", d(2023, 1, 1), d(2023, 12, 31), DatePrecision::Year),
        ("Russia attacked Kyiv on Friday.", d(2024, 10, 18), d(2024, 10, 18), DatePrecision::Day),
        ("Russia will attack Kyiv on Friday.", d(2024, 10, 25), d(2024, 10, 25), DatePrecision::Day),
        ("Russia attacked Kyiv last week.", d(2024, 10, 14), d(2024, 10, 20), DatePrecision::Week),
        ("Russia attacked Kyiv yesterday.", d(2024, 10, 22), d(2024, 10, 22), DatePrecision::Day),
        // The night before publication straddles two days.
        ("Russia attacked Kyiv overnight.", d(2024, 10, 22), d(2024, 10, 23), DatePrecision::Day),
        ("Russia attacked Kyiv last night.", d(2024, 10, 22), d(2024, 10, 23), DatePrecision::Day),
        ("Russia attacked Kyiv earlier this month.", d(2024, 10, 1), d(2024, 10, 23), DatePrecision::Month),
        ("Russia has attacked Kyiv.", d(2024, 9, 23), d(2024, 10, 23), DatePrecision::Month),
        ("Russia has attacked Kyiv recently.", d(2024, 9, 23), d(2024, 10, 23), DatePrecision::Month),
        // The span a phrase names: half a year back, not a month.
        ("Russia has attacked Kyiv in recent months.", d(2024, 4, 24), d(2024, 10, 23), DatePrecision::Month),
        ("Russia attacked Kyiv.", d(2024, 10, 16), d(2024, 10, 23), DatePrecision::Week),
        ("Russia will attack Kyiv.", d(2024, 10, 23), d(2024, 11, 22), DatePrecision::Month),
    ];
    let mut failures = Vec::new();
    for (text, start, end, precision) in rows {
        let events = extract(text);
        let when = events.iter().find_map(|e| e.when.clone());
        let got = when.as_ref().map(|w| (w.start, w.end, w.precision));
        if got != Some((*start, *end, *precision)) {
            failures.push(format!("{text}: want {start}..{end} {precision:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn places_after_locative_prepositions_become_the_location() {
    let rows: &[(&str, &str)] = &[
        ("Russia massed troops on the border of Ukraine.", "UKR"),
        ("Russian forces shelled positions near Kharkiv.", "UKR"),
        ("North Korea sent 3,000 troops to Russia.", "RUS"),
        ("Israeli jets struck targets in southern Lebanon.", "LBN"),
    ];
    for (text, country) in rows {
        let events = extract(text);
        let place = events.first().and_then(|e| e.location.clone());
        assert_eq!(place.and_then(|p| p.country).as_deref(), Some(*country), "{text}");
    }
    let statement = extract("Japan condemned the missile launch.");
    assert!(statement.iter().all(|e| e.location.is_none()), "no place for a statement without one");
}

#[test]
fn without_a_publication_date_only_absolute_dates_survive() {
    let relative = extract_on("Russia attacked Kyiv on Friday.", None);
    assert!(relative.iter().all(|e| e.when.is_none()), "{relative:?}");
    let absolute = extract_on("Russia attacked Kyiv on Oct. 5, 2023.", None);
    let when = absolute.iter().find_map(|e| e.when.clone()).expect("an absolute date");
    assert_eq!(when.start, NaiveDate::from_ymd_opt(2023, 10, 5).expect("date"));
}

#[test]
fn quantities_carry_their_unit_qualifier_and_currency() {
    let rows: &[(&str, f64, &str, QuantityQualifier, Option<&str>)] = &[
        ("Russia sent 3,000 troops to Belarus.", 3000.0, "troops", QuantityQualifier::Exact, None),
        (
            "Russia sent about 10,000 soldiers to Belarus.",
            10000.0,
            "troops",
            QuantityQualifier::Approximate,
            None,
        ),
        (
            "Russia sent as many as 12,000 troops to Belarus.",
            12000.0,
            "troops",
            QuantityQualifier::UpTo,
            None,
        ),
        (
            "Russia sent tens of thousands of troops to Belarus.",
            20000.0,
            "troops",
            QuantityQualifier::AtLeast,
            None,
        ),
        (
            "Burundian militiamen attacked a refugee camp, killing at least 156 people.",
            156.0,
            "people",
            QuantityQualifier::AtLeast,
            None,
        ),
        (
            "Japan gave Egypt a loan of 3.5 billion dollars.",
            3.5e9,
            "money",
            QuantityQualifier::Exact,
            Some("USD"),
        ),
        (
            "Finland will give Tanzania a grant of 580 million shillings.",
            5.8e8,
            "money",
            QuantityQualifier::Exact,
            None,
        ),
        (
            "The United Nations sent 25,000 tons of food aid to Sudan.",
            25000.0,
            "tons",
            QuantityQualifier::Exact,
            None,
        ),
        ("Iran supplied two dozen drones to Russia.", 24.0, "drones", QuantityQualifier::Exact, None),
    ];
    let mut failures = Vec::new();
    for (text, value, unit, qualifier, currency) in rows {
        let events = extract(text);
        let q = events.iter().find_map(|e| e.quantity.clone());
        let ok = q.as_ref().is_some_and(|q| {
            (q.value - value).abs() < 1e-6
                && q.unit == *unit
                && q.qualifier == *qualifier
                && q.currency.as_deref() == *currency
        });
        if !ok {
            failures.push(format!("{text}: got {q:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_same_event_told_three_times_is_one_event_with_three_spans() {
    let text = "Recent reports suggest that North Korea has sent 3,000 soldiers to Russia. \
                The potential deployment of North Korean forces signifies a shift in the conflict. \
                The Korea Herald described this troop dispatch as a move towards an alliance.";
    let events = extract(text);
    let deployments: Vec<&ExtractedEvent> =
        events.iter().filter(|e| e.kind.as_str() == "troop_deployment").collect();
    assert_eq!(deployments.len(), 1, "{:?}", events.iter().map(describe).collect::<Vec<_>>());
    let d = deployments[0];
    assert_eq!(d.modality, Modality::Claimed);
    assert_eq!(d.evidence.len(), 3);
    assert_eq!(d.quantity.as_ref().map(|q| q.value), Some(3000.0));
    assert_eq!(d.summary, "North Korea sent 3,000 troops to Russia");
}

#[test]
fn a_projection_never_inflates_an_asserted_number() {
    let text = "North Korea has sent troops to Russia. Officials say North Korea could send as many as \
                12,000 troops to Russia.";
    let events = extract(text);
    let d = events.iter().find(|e| e.kind.as_str() == "troop_deployment").expect("deployment");
    assert_eq!(d.modality, Modality::Asserted);
    assert!(d.quantity.is_none(), "{:?}", d.quantity);
}

#[test]
fn evidence_offsets_select_the_sentence_in_characters() {
    let text =
        "Zürich — Россия said nothing.\n\nKyiv was attacked by Russian drones on Sunday, officials said.";
    let events = extract(text);
    assert!(!events.is_empty());
    for e in &events {
        for ev in &e.evidence {
            let slice: String = text.chars().skip(ev.start).take(ev.end - ev.start).collect();
            assert_eq!(slice, ev.sentence);
        }
        assert!((0.0..=1.0).contains(&e.confidence));
    }
}

#[test]
fn confidence_is_lower_for_hedged_and_nominal_mentions() {
    let plain = extract("Russia sent 2,000 troops to Belarus.");
    let hedged = extract("Russia could reportedly send 2,000 troops to Belarus.");
    let (a, b) = (plain[0].confidence, hedged[0].confidence);
    assert!(a > b, "plain {a} should beat hedged {b}");
}

#[test]
fn commentary_questions_and_noun_threats_make_no_events() {
    check_table(&[
        ("Experts note that the conflict poses risks for regional stability.", &[]),
        ("The situation has raised questions about whether South Korea will send weapons to Ukraine.", &[]),
        ("The growing threat from North Korea worries Tokyo.", &[]),
        ("It is unclear whether Turkey will send troops to Syria.", &[]),
        ("Epstein Documents Reveal Brother Believed Trump Authorized Jeffrey Epstein's Death", &[]),
    ]);
}

#[test]
fn summaries_are_generated_from_the_coded_event() {
    let rows: &[(&str, &str)] = &[
        ("North Korea sent 3,000 soldiers to Russia.", "North Korea sent 3,000 troops to Russia"),
        ("Russia will send troops to Belarus.", "Russia plans to send troops to Belarus"),
        ("Russia did not attack Kyiv.", "Russia did not attack Ukraine"),
        ("Kyiv was attacked by Russian drones.", "Russia attacked Ukraine"),
    ];
    for (text, want) in rows {
        let events = extract(text);
        assert_eq!(events.first().map(|e| e.summary.as_str()), Some(*want), "{text}");
    }
}

#[test]
fn a_reported_event_without_a_date_of_its_own_gets_a_window_ending_at_the_statement() {
    // Published on Wednesday 23 October 2024. A time expression attaches to the verb it
    // modifies: in the reporting clause it dates the statement, and the event it reports
    // gets the week before (and including) the statement's day, with no words of its own.
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).expect("valid date");
    type Row = (&'static str, NaiveDate, NaiveDate, DatePrecision, bool);
    let rows: &[Row] = &[
        (
            "North Korea has sent 1,500 troops to Russia, South Korea's spy agency said on Friday.",
            d(2024, 10, 12),
            d(2024, 10, 18),
            DatePrecision::Week,
            false,
        ),
        (
            "Seoul said on Monday that North Korea had sent troops to Russia.",
            d(2024, 10, 15),
            d(2024, 10, 21),
            DatePrecision::Week,
            false,
        ),
        (
            "Russia attacked Kyiv, officials said.",
            d(2024, 10, 17),
            d(2024, 10, 23),
            DatePrecision::Week,
            false,
        ),
        (
            "Officials said in March that Russia had sent troops to Belarus.",
            d(2024, 2, 24),
            d(2024, 3, 31),
            DatePrecision::Month,
            false,
        ),
        (
            "Russia will send troops to Belarus, officials said on Friday.",
            d(2024, 10, 18),
            d(2024, 11, 17),
            DatePrecision::Month,
            false,
        ),
        // The event's own expression wins, in the event's clause or the reported one.
        (
            "Russia ratified the treaty on Wednesday, officials said on Thursday.",
            d(2024, 10, 23),
            d(2024, 10, 23),
            DatePrecision::Day,
            true,
        ),
        (
            "Seoul said on Friday that North Korea sent troops to Russia on Tuesday.",
            d(2024, 10, 22),
            d(2024, 10, 22),
            DatePrecision::Day,
            true,
        ),
        // Not reported: a perfect is a window ending at publication, never a day.
        (
            "North Korea has sent troops to Russia.",
            d(2024, 9, 23),
            d(2024, 10, 23),
            DatePrecision::Month,
            false,
        ),
        (
            "Israel's blockade of Gaza has caused severe shortages.",
            d(2024, 9, 23),
            d(2024, 10, 23),
            DatePrecision::Month,
            false,
        ),
    ];
    let mut failures = Vec::new();
    for (text, start, end, precision, worded) in rows {
        let events = extract(text);
        let when = events.first().and_then(|e| e.when.clone());
        let got = when.as_ref().map(|w| (w.start, w.end, w.precision, w.text.is_some()));
        if got != Some((*start, *end, *precision, *worded)) {
            failures.push(format!("{text}: want {start}..{end} {precision:?} worded={worded}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_time_expression_dates_only_the_event_of_its_own_clause() {
    // Published on Wednesday 23 October 2024.
    let events = extract("Russia attacked Kyiv on Friday and Ukraine shelled Belgorod.");
    let by_actor = |code: &str| {
        events
            .iter()
            .find(|e| e.actor.as_ref().is_some_and(|a| a.code == code))
            .and_then(|e| e.when.clone())
            .map(|w| (w.precision, w.text.is_some()))
    };
    assert_eq!(by_actor("RUS"), Some((DatePrecision::Day, true)));
    assert_eq!(by_actor("UKR"), Some((DatePrecision::Week, false)), "{events:?}");
}

#[test]
fn a_later_mention_of_the_same_event_adds_evidence_instead_of_an_event() {
    let first =
        "Russia ratified a defence treaty with North Korea on Wednesday. Lawmakers voted unanimously.";
    for third in [
        "The ratification of the treaty with North Korea by Russia was welcomed in Pyongyang.",
        "Moscow's ratification of the pact was welcomed in Pyongyang.",
        "The ratification was welcomed in Pyongyang.",
    ] {
        let text = format!("{first} {third}");
        let events = extract(&text);
        let treaties: Vec<&ExtractedEvent> =
            events.iter().filter(|e| e.kind.as_str() == "treaty_ratified").collect();
        assert_eq!(treaties.len(), 1, "{third}: {:?}", events.iter().map(describe).collect::<Vec<_>>());
        let t = treaties[0];
        assert_eq!(describe(t), "treaty_ratified RUS PRK asserted", "{third}");
        assert_eq!(t.evidence.len(), 2, "{third}: {:?}", t.evidence);
        assert_eq!(t.evidence[1].sentence, third);
    }
}

#[test]
fn references_and_background_nouns_make_no_event_of_their_own() {
    check_table(&[
        ("Moscow's ratification of the pact was welcomed in Pyongyang.", &[]),
        ("The ratification was welcomed in Pyongyang.", &[]),
        (
            "Turkey recalled its ambassador from Israel over the blockade of Gaza.",
            &["diplomatic_downgrade TUR ISR asserted"],
        ),
        ("Flights were suspended because of fighting between Armenian and Azerbaijani forces.", &[]),
        (
            "Japan lodged a protest with China after Russia's annexation of Crimea.",
            &["criticism JPN CHN asserted"],
        ),
    ]);
}

#[test]
fn nouns_with_their_own_actor_and_target_are_events() {
    check_table(&[
        ("Israel's blockade of Gaza has caused severe shortages.", &["attack ISR PSE asserted"]),
        (
            "The ratification of the treaty with North Korea by Russia was welcomed in Pyongyang.",
            &["treaty_ratified RUS PRK asserted"],
        ),
        (
            "The imposition of sanctions on Iran by the European Union angered Tehran.",
            &["sanctions_imposed EU IRN asserted"],
        ),
    ]);
}

#[test]
fn the_wire_sentences_of_the_end_to_end_tests_extract() {
    check_table(&[
        (
            "North Korea has dispatched at least 3,000 troops to Russia, Ukraine's military intelligence agency said on Friday.",
            &["troop_deployment PRK RUS claimed"],
        ),
        (
            "Russia's upper house of parliament ratified a mutual defence treaty with North Korea on Wednesday.",
            &["treaty_ratified RUS PRK asserted"],
        ),
        (
            "EU foreign ministers imposed new sanctions on North Korea on Monday.",
            &["sanctions_imposed EU PRK asserted"],
        ),
        (
            "Russian lawmakers ratified the defence pact with North Korea on Wednesday, the Kremlin said.",
            &["treaty_ratified RUS PRK asserted"],
        ),
    ]);
}

#[test]
fn every_way_wire_copy_says_troops_were_moved_is_a_deployment() {
    check_table(&[
        ("North Korea has dispatched 1,500 soldiers to Russia.", &["troop_deployment PRK RUS asserted"]),
        (
            "India has stationed 50,000 additional troops along the border with China.",
            &["troop_deployment IND CHN asserted"],
        ),
        ("The Pentagon redeployed 2,000 Marines to Poland.", &["troop_deployment USA POL asserted"]),
        ("China moved troops to the border with India.", &["troop_deployment CHN IND asserted"]),
        ("Britain sent in troops to Sierra Leone.", &["troop_deployment GBR SLE asserted"]),
        ("The United States airlifted 500 soldiers to Kosovo.", &["troop_deployment USA XKX asserted"]),
        ("Russia flew paratroopers into Kazakhstan on Thursday.", &["troop_deployment RUS KAZ asserted"]),
        ("China shipped troops to Vietnam.", &["troop_deployment CHN VNM asserted"]),
        ("Turkey rushed reinforcements to the Syrian border.", &["troop_deployment TUR SYR asserted"]),
        (
            "The Pentagon is sending an aircraft carrier to the eastern Mediterranean.",
            &["troop_deployment USA - asserted"],
        ),
    ]);
}

#[test]
fn a_state_with_a_possessive_and_an_organ_noun_acts_for_the_state() {
    check_table(&[
        ("Germany's foreign ministry condemned the attack on its embassy.", &["criticism DEU - asserted"]),
        ("China's navy held drills near Taiwan.", &["military_exercise CHN * asserted"]),
        ("Iran's Revolutionary Guards seized a British tanker.", &["coercion IRN GBR asserted"]),
        ("Japan's coast guard detained a Chinese fishing boat.", &["coercion JPN CHN asserted"]),
        ("Britain's defence secretary visited Kyiv.", &["meeting GBR UKR asserted"]),
        ("Russia's parliament approved the treaty with Iran.", &["treaty_ratified RUS IRN asserted"]),
    ]);
}

#[test]
fn a_body_with_a_role_noun_acts_for_the_body() {
    check_table(&[
        (
            "NATO allies agreed to send more air defence systems to Ukraine.",
            &["intent_to_cooperate NATO UKR asserted"],
        ),
        ("UN inspectors visited the Zaporizhzhia nuclear plant.", &["meeting UN UKR asserted"]),
        ("EU leaders condemned Russia's annexation of Crimea.", &["criticism EU RUS asserted"]),
        ("NATO defence ministers met in Brussels on Thursday.", &["meeting NATO - asserted"]),
        ("EU member states approved new sanctions on Iran.", &["sanctions_imposed EU IRN asserted"]),
        (
            "UN Security Council members condemned North Korea's missile launch.",
            &["criticism UN PRK asserted"],
        ),
        ("G7 finance ministers met in Washington on Friday.", &["meeting G7 - asserted"]),
        // A state's allies are other states.
        ("Russia's allies condemned the strike.", &[]),
    ]);
}

#[test]
fn what_an_accuser_alleges_is_not_an_event_of_its_own() {
    check_table(&[
        (
            "Human Rights Watch accused the Sudanese government of bombing civilians in the south.",
            &["accusation HRW SDN asserted"],
        ),
        (
            "Uganda accused Sudan of arming the Lord's Resistance Army rebels.",
            &["accusation UGA SDN asserted"],
        ),
        (
            "Washington imposed trade sanctions on China for selling missile technology to Pakistan.",
            &["sanctions_imposed USA CHN asserted"],
        ),
    ]);
}

#[test]
fn violence_by_a_crowd_is_a_violent_protest_by_the_people_of_the_place() {
    check_table(&[
        ("Protesters set fire to the U.S. embassy in Belgrade.", &["protest SRB USA asserted"]),
        ("Demonstrators stormed the parliament building in Colombo.", &["protest LKA * asserted"]),
    ]);
}

#[test]
fn scene_setting_nouns_and_the_objects_of_statements_are_references() {
    check_table(&[
        (
            "Kenyan police arrested 30 opposition supporters during a rally in Nairobi on Saturday.",
            &["coercion KEN KEN asserted"],
        ),
        (
            "The United Nations Security Council condemned the Bosnian Serb shelling of Sarajevo.",
            &["criticism UN BIH asserted"],
        ),
        // The subject takes part: the protest is the event.
        (
            "Palestinian youths threw stones at soldiers during demonstrations against the occupation.",
            &["attack PSE * asserted", "protest PSE * asserted"],
        ),
    ]);
}

#[test]
fn warnings_refusals_conditions_and_ethnic_groups_are_coded_as_cameo_codes_them() {
    check_table(&[
        (
            "The Kremlin warned NATO against expanding into the former Soviet republics.",
            &["threat RUS NATO asserted"],
        ),
        ("Damascus said it would not resume talks with Israel.", &["rejection SYR ISR asserted"]),
        (
            "Hundreds of Palestinians threw stones at Israeli soldiers in Hebron on Friday.",
            &["attack PSE ISR asserted"],
        ),
        (
            "Serbian police detained three ethnic Albanian activists in Pristina.",
            &["coercion SRB XKX asserted"],
        ),
        (
            "Poland and Lithuania pledged to cooperate in fighting organized crime.",
            &["intent_to_cooperate POL * asserted", "intent_to_cooperate LTU * asserted"],
        ),
        ("Rebels in Sierra Leone released 20 United Nations peacekeepers.", &["withdrawal SLE UN asserted"]),
        (
            "Israeli warplanes bombed suspected Hezbollah positions in southern Lebanon.",
            &["attack ISR HEZBOLLAH asserted"],
        ),
    ]);
}

#[test]
fn of_phrases_after_common_nouns_keep_the_slot_of_the_preposition_before_them() {
    check_table(&[
        (
            "Germany pledged 200 million euros for the reconstruction of Afghanistan.",
            &["intent_to_cooperate DEU AFG asserted"],
        ),
        (
            "Norway delivered 500 tonnes of food to famine-hit areas of southern Sudan.",
            &["humanitarian_aid NOR SDN asserted"],
        ),
        (
            "Ethiopia and Eritrea exchanged prisoners of war under the supervision of the Red Cross.",
            &["withdrawal ETH ERI asserted", "withdrawal ERI ETH asserted"],
        ),
        (
            "Egypt's foreign minister held talks with his Israeli counterpart in Cairo.",
            &["meeting EGY ISR asserted"],
        ),
    ]);
}

#[test]
fn a_host_city_named_with_a_demonym_is_a_place_and_a_possible_meeting_keeps_both_parties() {
    check_table(&[
        (
            "Peru and Chile held talks in the Bolivian city of La Paz.",
            &["meeting PER CHL asserted", "meeting CHL PER asserted"],
        ),
        ("Peru held talks in the Bolivian city of La Paz.", &["meeting PER - asserted"]),
        (
            "Ghana and Togo could hold a meeting in Lome next week.",
            &["meeting GHA TGO hypothetical", "meeting TGO GHA hypothetical"],
        ),
    ]);
}

#[test]
fn the_doer_of_what_stands_in_the_target_slot_is_the_target() {
    check_table(&[
        ("Kenya threatened action against military activities by Somalia.", &["threat KEN SOM asserted"]),
        ("Chile imposed sanctions on fish exports by Bolivia.", &["sanctions_imposed CHL BOL asserted"]),
        ("Kenya raised its alert level against incursions by Somalia.", &["military_alert KEN SOM asserted"]),
        // A passive's own agent is the actor, not a target.
        ("Ukraine was attacked by Russia on Monday.", &["attack RUS UKR asserted"]),
    ]);
}

#[test]
fn a_noun_after_in_is_the_manner_or_motive_of_the_verb_event() {
    check_table(&[
        // One event, not a second (actorless) clash.
        ("Turkish troops killed 20 rebels in clashes in southeastern Turkey.", &["attack TUR - asserted"]),
        (
            "Belarus closed its embassy in Washington in protest at new U.S. sanctions.",
            &["diplomatic_downgrade BLR USA asserted"],
        ),
    ]);
}

#[test]
fn calls_visits_amnesties_and_threatened_repression() {
    check_table(&[
        ("Vladimir Putin telephoned Gerhard Schroeder on Monday.", &["meeting RUS DEU asserted"]),
        ("The prime minister visited the Yasukuni shrine.", &[]),
        ("The Algerian government granted an amnesty to Islamist rebels.", &["concession DZA DZA asserted"]),
        (
            "Cambodian Prime Minister Hun Sen threatened to arrest opposition leaders.",
            &["threat KHM KHM asserted"],
        ),
        ("Libya expelled 30 Egyptian workers.", &["coercion LBY EGY asserted"]),
    ]);
}

#[test]
fn denials_decisions_and_holders_set_modality_actor_and_target() {
    check_table(&[
        (
            "The Iraqi foreign ministry denied reports that Baghdad had moved troops to the Kuwaiti border.",
            &["troop_deployment IRQ KWT negated"],
        ),
        (
            "Egypt welcomed the decision by Israel to withdraw from southern Lebanon.",
            &["diplomatic_support EGY ISR asserted"],
        ),
        (
            "Israel's decision to withdraw from southern Lebanon surprised Damascus.",
            &["intent_to_cooperate ISR LBN planned"],
        ),
        ("Iran demanded the release of Lebanese prisoners held by Israel.", &["demand IRN ISR asserted"]),
        (
            "Thousands of Kosovo Albanians demonstrated in Pristina against Serbian rule.",
            &["protest XKX SRB asserted"],
        ),
        (
            "Yugoslav federal troops seized control of the main border crossing with Hungary.",
            &["attack SRB HUN asserted"],
        ),
        (
            "The United States offered humanitarian assistance to earthquake victims in Armenia.",
            &["intent_to_cooperate USA ARM asserted"],
        ),
    ]);
}

#[test]
fn a_source_named_with_a_verb_word_still_attributes_the_event() {
    check_table(&[
        (
            "North Korean leader Kim Jong-un oversaw a test of a new hypersonic missile, state media said.",
            &["weapons_test PRK - claimed"],
        ),
        ("Iran launched a satellite into orbit, state television reported.", &["weapons_test IRN - claimed"]),
    ]);
}

#[test]
fn a_speaking_state_is_the_government_of_the_next_paragraph_and_labels_blame_their_author() {
    check_table(&[
        (
            "Finland said on Tuesday that its patience had run out.\n\nThe government accused Russia of pushing migrants towards the border.",
            &["accusation FIN RUS asserted"],
        ),
        // A state that acted rather than spoke settles nothing: the condemning government is
        // not Russia's.
        (
            "Russia attacked Ukraine overnight. The government condemned the strikes.",
            &["attack RUS UKR asserted"],
        ),
        ("Helsinki calls it a hybrid attack orchestrated by the Kremlin.", &["criticism FIN RUS asserted"]),
        ("The Kremlin called the strike a terrorist attack by Ukraine.", &["criticism RUS UKR asserted"]),
        // Travelling somewhere is a visit only when the destination is someone.
        (
            "Helsinki accuses Moscow of allowing people without visas to travel to the frontier.",
            &["accusation FIN RUS asserted"],
        ),
    ]);
}

#[test]
fn police_and_border_personnel_are_counted_as_forces() {
    for (text, want) in [
        ("Frontex deployed 50 more officers to Finland.", "50 more officers"),
        ("Poland sent dozens of border guards to the frontier with Belarus.", "dozens of border guards"),
    ] {
        let events = extract(text);
        let q =
            events.iter().find_map(|e| e.quantity.as_ref()).unwrap_or_else(|| panic!("no quantity: {text}"));
        assert_eq!((q.text.as_str(), q.unit.as_str()), (want, "troops"), "{text}");
    }
}

#[test]
fn ramming_and_sinking_vessels_are_attacks() {
    check_table(&[
        (
            "Chinese coast guard vessels rammed two Philippine supply boats near Second Thomas Shoal.",
            &["attack CHN PHL asserted"],
        ),
        (
            "Ukraine said its naval drones sank a Russian landing ship off Crimea.",
            &["attack UKR RUS asserted"],
        ),
        ("The ruling party rammed the bill through parliament.", &[]),
        ("The ship sank after a storm.", &[]),
    ]);
}

/// Closing one's own border restricts the neighbour like an embargo (CAMEO 163, aimed at
/// the party "with" it); announced for the future it is a plan, not a threat. Blockading
/// someone else is force, and threatened.
#[test]
fn closing_ones_border_is_announced_not_threatened() {
    check_table(&[
        (
            "Finland said on Tuesday it will close its entire land border with Russia.",
            &["sanctions_imposed FIN RUS planned"],
        ),
        ("Peru sealed its border with Chile on Monday.", &["sanctions_imposed PER CHL asserted"]),
        ("Israel said it would blockade Gaza.", &["threat ISR PSE asserted"]),
    ]);
}

/// A plan told by its actor is a pledge (an intent to cooperate); the same plan reported by
/// another party is the actor's planned act.
#[test]
fn a_plan_reported_by_another_party_keeps_its_kind() {
    check_table(&[
        (
            "Chile will withdraw its troops from Peru within a month, the United States said.",
            &["withdrawal CHL PER planned"],
        ),
        (
            "Chile said it will withdraw its troops from Peru within a month.",
            &["intent_to_cooperate CHL PER planned"],
        ),
    ]);
}

/// UN programmes and funds act as the UN (ONTOLOGY.md); specialised agencies keep their own.
#[test]
fn un_programmes_act_as_the_un() {
    check_table(&[("UNICEF delivered vaccines to Yemen on Monday.", &["humanitarian_aid UN YEM asserted"])]);
}

/// Turning to a party for help or seeking its support is a request of it; flying to a
/// state is a visit; what parties have done over years is a course of policy, no event.
#[test]
fn requests_visits_and_trends() {
    check_table(&[
        ("Peru turned to Chile for help on Monday.", &["demand PER CHL asserted"]),
        ("Peru sought support from Chile on Monday.", &["demand PER CHL asserted"]),
        ("Peru's president flew to Chile on Monday.", &["meeting PER CHL asserted"]),
        // A time phrase after an intransitive verb is no object.
        (
            "Peru and Chile will meet next month.",
            &["intent_to_cooperate PER CHL planned", "intent_to_cooperate CHL PER planned"],
        ),
        (
            "Peru and Bolivia have expelled Chilean diplomats in recent years and turned to Brazil for support.",
            &[],
        ),
    ]);
}

/// A decision taken now is an event that happened, even when what it decides takes effect
/// later: "decided to send troops" is a deployment, asserted, not a plan.
#[test]
fn a_decision_taken_is_asserted() {
    check_table(&[
        ("Chile decided to send troops to Peru on Monday.", &["troop_deployment CHL PER asserted"]),
        ("Chile decided on Monday to impose sanctions on Peru.", &["sanctions_imposed CHL PER asserted"]),
        ("Chile plans to send troops to Peru.", &["troop_deployment CHL PER planned"]),
    ]);
}

#[test]
fn a_denied_plan_is_negated_and_forces_in_a_place_are_deployed_there() {
    check_table(&[
        (
            "Russian President Vladimir Putin said Moscow had no plans to attack NATO countries.",
            &["attack RUS NATO negated"],
        ),
        ("The United States has no plans to send troops to Ukraine.", &["troop_deployment USA UKR negated"]),
        ("Russia massed 30,000 troops in Belarus.", &["troop_deployment RUS BLR asserted"]),
        ("Ukraine deployed troops in Kharkiv.", &["troop_deployment UKR - asserted"]),
    ]);
}

#[test]
fn blocking_a_measure_is_a_veto_but_blocking_a_road_is_not() {
    check_table(&[
        ("Hungary blocked a new package of EU sanctions against Russia.", &["rejection HUN EU asserted"]),
        ("Turkey blocked Sweden's NATO membership bid for months.", &["rejection TUR SWE asserted"]),
        ("Protesters blocked the road to the airport.", &[]),
    ]);
}

#[test]
fn participles_share_their_main_verb_and_police_or_crews_are_counted() {
    check_table(&[
        (
            "Kenya will lead a multinational police mission to Haiti, sending 1,000 officers.",
            &["troop_deployment KEN - planned"],
        ),
        ("Armenia suspended its participation in the CSTO.", &["diplomatic_downgrade ARM CSTO asserted"]),
    ]);
    for (text, want) in [
        (
            "China's coast guard detained 11 Vietnamese fishermen near the Paracel Islands.",
            "11 Vietnamese fishermen",
        ),
        ("Kenya sent 400 police officers to Haiti.", "400 police officers"),
    ] {
        let events = extract(text);
        let q =
            events.iter().find_map(|e| e.quantity.as_ref()).unwrap_or_else(|| panic!("no quantity: {text}"));
        assert_eq!(q.text, want, "{text}");
    }
}

#[test]
fn an_arrest_warrant_targets_the_one_it_is_for() {
    check_table(&[(
        "The International Criminal Court issued an arrest warrant for Israeli Prime Minister Benjamin Netanyahu.",
        &["coercion ICC ISR asserted"],
    )]);
}

#[test]
fn strikes_on_installations_sentences_and_tolls_in_participles() {
    check_table(&[
        (
            "Ukrainian drones struck an oil refinery in Russia's Krasnodar region overnight.",
            &["attack UKR RUS asserted"],
        ),
        ("Russian missiles hit a power station in Kharkiv.", &["attack RUS UKR asserted"]),
        ("Sanctions hit Russia's economy hard.", &[]),
        (
            "A Russian court sentenced U.S. journalist Evan Gershkovich to 16 years in prison.",
            &["coercion RUS USA asserted"],
        ),
    ]);
    let events = extract("Israeli air strikes hit a market in Gaza, killing 12 people.");
    assert_eq!(events.first().and_then(|e| e.quantity.as_ref()).map(|q| q.text.as_str()), Some("12 people"));
}

#[test]
fn a_bare_vow_to_respond_threatens_and_a_predicate_of_blame_criticises() {
    check_table(&[
        (
            "The Kremlin said the sanctions were illegal and vowed to respond.",
            &["criticism RUS - asserted", "threat RUS - asserted"],
        ),
        (
            "Iran promised to respond to the IAEA's questions within a month.",
            &["intent_to_cooperate IRN IAEA asserted"],
        ),
        (
            "Moscow said Ukraine's incursion into Kursk was an act of terrorism.",
            &["criticism RUS UKR asserted"],
        ),
        ("China says the sale is not illegal.", &[]),
    ]);
}

#[test]
fn the_two_sides_are_the_last_actor_and_the_party_it_acted_on() {
    check_table(&[
        (
            "Vietnam's top leader To Lam welcomed Putin in Hanoi on Thursday, and the two sides signed 11 agreements.",
            &[
                "diplomatic_support VNM RUS asserted",
                "agreement VNM RUS asserted",
                "agreement RUS VNM asserted",
            ],
        ),
        (
            "Putin said the two countries were fighting together against the imperialist policy of the United States.",
            &[],
        ),
    ]);
}

#[test]
fn the_two_sides_are_the_sides_of_the_dealing_in_view_not_the_venue_or_the_mediator() {
    check_table(&[
        (
            "A truce between Peru and Chile took effect on Monday after the Brazilian envoy said both sides accepted the agreement.",
            &["agreement PER CHL claimed", "agreement CHL PER claimed"],
        ),
        (
            "Peru and Chile signed a peace treaty on Monday. At a ceremony at the Brazilian foreign ministry, the Bolivian envoy said the two sides had reached a deal.",
            &[
                "treaty_signed PER CHL asserted",
                "treaty_signed CHL PER asserted",
                "agreement PER CHL claimed",
                "agreement CHL PER claimed",
            ],
        ),
        (
            "Peru and Chile agreed to restore ties on Monday. Brazil, which brokered the agreement, gave no details.",
            &[
                "agreement PER CHL asserted",
                "agreement CHL PER asserted",
                "meeting BRA PER asserted",
                "meeting BRA CHL asserted",
            ],
        ),
    ]);
}

#[test]
fn rebels_of_a_region_an_armed_group_is_named_after_are_that_group() {
    check_table(&[
        ("Kachin rebels attacked a Myanmar army base on Monday.", &["attack KIA MMR asserted"]),
        (
            "Rebels in Myanmar's northern Kachin State attacked an army post on Monday.",
            &["attack KIA MMR asserted"],
        ),
        // A region no armed group is named after keeps the state's rebels.
        ("Rebels in the Amhara region attacked an army post on Monday.", &["attack ETH - asserted"]),
        (
            "Peru and Chile signed a deal on Monday. Talks between the two sides began in June.",
            &[
                "agreement PER CHL asserted",
                "agreement CHL PER asserted",
                "meeting PER CHL asserted",
                "meeting CHL PER asserted",
            ],
        ),
    ]);
}

#[test]
fn a_party_set_off_by_a_comma_before_which_is_who_and_a_present_tense_relative_describes() {
    check_table(&[
        (
            "Peru and Chile agreed to restore ties on Monday. The text of the accord with Brazil, which brokered the agreement, was published on Tuesday.",
            &[
                "agreement PER CHL asserted",
                "agreement CHL PER asserted",
                "meeting BRA PER asserted",
                "meeting BRA CHL asserted",
            ],
        ),
        ("Chile said on Monday that Peru, which backs the rebels, was not consulted.", &[]),
        (
            "Peru and Chile signed a border treaty on Monday. The foreign ministers of both countries met again in Lima on Friday.",
            &[
                "treaty_signed PER CHL asserted",
                "treaty_signed CHL PER asserted",
                "meeting PER CHL asserted",
                "meeting CHL PER asserted",
            ],
        ),
    ]);
}

#[test]
fn the_leaders_of_both_countries_are_both_and_urging_them_after_addresses_both() {
    check_table(&[(
        "Peruvian and Chilean troops clashed on Monday. Brazilian President Lula said he had spoken with the leaders of both countries and urged them to show restraint.",
        &[
            "armed_clash PER CHL asserted",
            "armed_clash CHL PER asserted",
            "meeting BRA PER asserted",
            "meeting BRA CHL asserted",
            "demand BRA PER asserted",
            "demand BRA CHL asserted",
        ],
    )]);
}

#[test]
fn a_claim_stays_a_claim_even_about_oneself() {
    check_table(&[
        (
            "Ukraine claimed its forces had shot down 20 Russian drones overnight.",
            &["attack UKR RUS claimed"],
        ),
        ("Ukraine said its forces had shot down 20 Russian drones overnight.", &["attack UKR RUS asserted"]),
    ]);
}

#[test]
fn concern_as_manner_crowds_gathering_and_statements_to_briefings() {
    check_table(&[
        ("Japan viewed China's military drills with alarm.", &["criticism JPN CHN asserted"]),
        ("Kenya dealt with concern from residents.", &[]),
        ("Crowds gathered in Tbilisi for a sixth night.", &["protest GEO GEO asserted"]),
        ("European leaders gathered in Brussels for a summit.", &[]),
        (
            "Blinken told reporters that the United States would send more aid to Ukraine.",
            &["intent_to_cooperate USA UKR planned"],
        ),
    ]);
}

#[test]
fn a_deposit_in_a_central_bank_is_economic_aid() {
    check_table(&[(
        "Saudi Arabia deposited $3 billion in Pakistan's central bank to shore up its reserves.",
        &["economic_aid SAU PAK asserted"],
    )]);
}

#[test]
fn an_obligation_before_a_closing_attribution_is_the_speakers_demand() {
    check_table(&[
        (
            "\"Russia must withdraw all its troops from Ukraine,\" Macron told reporters in Paris.",
            &["demand FRA RUS asserted"],
        ),
        (
            "\"Israel should halt its offensive in Rafah,\" the U.N. secretary-general said.",
            &["demand UN ISR asserted"],
        ),
    ]);
}

#[test]
fn we_in_a_quote_is_the_speaker_the_sentence_closes_with() {
    check_table(&[(
        "\"We will never recognise the annexation of Crimea,\" Zelensky said.",
        &["rejection UKR - asserted"],
    )]);
}

#[test]
fn a_states_organs_do_not_strike_or_arm_each_other() {
    check_table(&[
        (
            "Russia's defence ministry said its forces shot down Russian drones by mistake.",
            &["attack RUS - asserted"],
        ),
        // Domestic politics keeps its own country as target.
        ("Thousands of Armenians rallied in Yerevan.", &["protest ARM ARM asserted"]),
    ]);
}

#[test]
fn welcoming_a_pact_supports_neither_party() {
    check_table(&[(
        "Israel and Hezbollah agreed to a ceasefire on Tuesday. Iran welcomed the ceasefire.",
        &[
            "agreement ISR HEZBOLLAH asserted",
            "agreement HEZBOLLAH ISR asserted",
            "diplomatic_support IRN - asserted",
        ],
    )]);
}

#[test]
fn a_warning_coordinated_after_a_report_is_the_reporters() {
    check_table(&[(
        "Russia's Foreign Ministry spokesperson Maria Zakharova said the EU was \"shooting itself in the foot\" and warned that Moscow would respond to the measures.",
        &["threat RUS - asserted"],
    )]);
}

#[test]
fn meetings_held_troop_cuts_and_acts_by_their_author() {
    check_table(&[
        ("The Security Council held an emergency meeting.", &["meeting UN - asserted"]),
        ("NATO held an emergency meeting with Ukraine.", &["meeting NATO UKR asserted"]),
        ("Serbia said it had reduced the number of troops at the border.", &["withdrawal SRB - asserted"]),
        ("Turkey supported the steps taken by Baku.", &["diplomatic_support TUR AZE asserted"]),
        ("Germany cut aid to Ukraine.", &["sanctions_imposed DEU UKR asserted"]),
    ]);
}

#[test]
fn considering_sanctions_plans_them() {
    check_table(&[
        ("The EU is considering new sanctions against Rwanda.", &["sanctions_imposed EU RWA planned"]),
        ("Washington is weighing sanctions on Chinese banks.", &["sanctions_imposed USA CHN planned"]),
    ]);
}

#[test]
fn speaking_to_a_leader_is_a_meeting_but_not_to_reporters() {
    check_table(&[
        ("Biden said he had spoken to Netanyahu.", &["meeting USA ISR asserted"]),
        ("Zelensky spoke to reporters in Kyiv.", &[]),
    ]);
}

#[test]
fn stopping_exports_to_a_country_sanctions_it() {
    check_table(&[
        (
            "China banned exports of gallium, germanium and antimony to the United States on Tuesday.",
            &["sanctions_imposed CHN USA asserted"],
        ),
        ("Russia halted gas exports to Austria.", &["sanctions_imposed RUS AUT asserted"]),
        ("China suspended imports of seafood from Japan.", &["sanctions_imposed CHN JPN asserted"]),
    ]);
}

#[test]
fn inverted_conditions_reports_denials_and_questions_are_no_facts() {
    check_table(&[
        (
            "Should China invade Taiwan, the United States would defend the island, Biden said.",
            &["attack CHN TWN hypothetical", "diplomatic_support USA TWN hypothetical"],
        ),
        ("Were Iran to attack Israel, the response would be severe.", &["attack IRN ISR hypothetical"]),
        (
            "Reports that North Korea had sent troops to Russia could not be independently verified.",
            &["troop_deployment PRK RUS claimed"],
        ),
        (
            "The rumoured deployment of Chinese troops to Cuba has been denied by Beijing.",
            &["troop_deployment CHN CUB negated"],
        ),
        ("Had Russia sent troops to Belarus before the talks?", &[]),
        ("Will China invade Taiwan?", &[]),
    ]);
}

#[test]
fn sabotage_of_installations_is_an_attack_and_suspicion_a_claim() {
    check_table(&[
        ("Russia is suspected of sabotaging undersea cables in the Baltic Sea.", &["attack RUS - claimed"]),
        ("Ukraine sabotaged a Russian railway line.", &["attack UKR RUS asserted"]),
    ]);
}

#[test]
fn a_place_after_a_preposition_is_no_antecedent_of_who_or_that() {
    check_table(&[(
        "The attack was punishment for an April 1 air strike on Iran's embassy compound in Damascus that killed seven officers.",
        &["attack - IRN asserted"],
    )]);
}

#[test]
fn opening_a_criminal_case_is_an_investigation() {
    check_table(&[
        ("Kyiv opened a criminal case against the Russian commander.", &["investigation UKR RUS asserted"]),
        ("In any case, Russia denied it.", &[]),
    ]);
}

#[test]
fn each_party_of_a_compound_target_is_an_event() {
    check_table(&[
        (
            "The United States urged Israel and Hamas to agree to a ceasefire.",
            &["demand USA ISR asserted", "demand USA HAMAS asserted"],
        ),
        ("Russia attacked Ukraine and Moldova.", &["attack RUS UKR asserted", "attack RUS MDA asserted"]),
    ]);
}

#[test]
fn a_list_of_counted_weapons_is_one_object() {
    check_table(&[(
        "Iran fired about 170 drones, 30 cruise missiles and 120 ballistic missiles at Israel late on Saturday.",
        &["attack IRN ISR asserted"],
    )]);
}

#[test]
fn an_import_ban_sanctions_and_a_causative_names_the_actor() {
    check_table(&[
        (
            "Japan's release of treated water prompted China to impose an immediate blanket ban on seafood imports from Japan.",
            &["sanctions_imposed CHN JPN asserted"],
        ),
        ("The offensive forced Israel to withdraw from Gaza.", &["withdrawal ISR PSE asserted"]),
    ]);
}

#[test]
fn an_order_to_ones_own_officials_is_the_states_own_act() {
    check_table(&[
        (
            "Lopez Obrador said he had instructed Foreign Minister Alicia Barcena to suspend relations with Ecuador.",
            &["diplomatic_downgrade MEX ECU planned"],
        ),
        ("The UN ordered Israel to halt its offensive.", &["demand UN ISR asserted"]),
        (
            "An Argentine judge has ordered former president Carlos Menem to appear for questioning.",
            &["demand ARG ARG asserted"],
        ),
    ]);
}

#[test]
fn a_report_without_that_opening_on_a_determiner_is_still_reported() {
    check_table(&[(
        "Aliyev said the jet had been shot down by Russia, albeit unintentionally.",
        &["attack RUS AZE claimed"],
    )]);
}

#[test]
fn bases_handed_over_troops_kept_and_hostages_handed_over() {
    check_table(&[
        ("France handed over its last military base in Chad on Thursday.", &["withdrawal FRA TCD asserted"]),
        ("France will keep troops in Djibouti.", &["troop_deployment FRA DJI planned"]),
        ("Russia will keep its promise to Belarus.", &[]),
        ("Ukraine handed over the suspects to Poland.", &["military_cooperation UKR POL asserted"]),
    ]);
}

#[test]
fn declaring_a_diplomat_persona_non_grata_expels_him() {
    check_table(&[(
        "Ecuador declared the Mexican ambassador persona non grata.",
        &["diplomatic_downgrade ECU MEX asserted"],
    )]);
}

#[test]
fn the_speaker_a_quotation_closes_with_is_the_next_sentences_it() {
    check_table(&[
        (
            "Israel has not confirmed the strike. \"The matter can be deemed concluded,\" Iran's mission to the United Nations said. But it warned that if Israel made another mistake, Iran's response would be considerably more severe.",
            &["threat IRN ISR asserted"],
        ),
        ("Biden said he would convene G7 leaders on Sunday.", &["intent_to_cooperate USA G7 planned"]),
    ]);
}

#[test]
fn demonym_targets_advances_and_verbs_coordinated_past_an_aside() {
    check_table(&[
        (
            "Cambodian troops fired BM-21 rockets at Thai positions and villages near the temple.",
            &["attack KHM THA asserted"],
        ),
        ("Russian forces attacked Ukrainian positions near Bakhmut.", &["attack RUS UKR asserted"]),
        (
            "Thailand accused Cambodia of laying new mines in the area, which Phnom Penh denied, and on Wednesday recalled its ambassador from Phnom Penh.",
            &["accusation THA KHM asserted", "diplomatic_downgrade THA KHM asserted"],
        ),
    ]);
}

#[test]
fn the_foreign_ministry_after_a_state_spoke_is_that_states() {
    check_table(&[
        (
            "China's customs administration said it was suspending imports from Japan. The foreign ministry accused Japan of selfish behaviour.",
            &["sanctions_imposed CHN JPN asserted", "accusation CHN JPN asserted"],
        ),
        (
            "Russia attacked Ukraine overnight. The foreign ministry condemned the strikes.",
            &["attack RUS UKR asserted"],
        ),
    ]);
}

#[test]
fn urging_the_two_countries_addresses_both_and_forcing_ones_way_in_is_an_attack() {
    check_table(&[
        (
            "Mexico broke off relations with Ecuador. Brazil and Colombia condemned the move, and the United States urged the two countries to resolve their differences.",
            &[
                "diplomatic_downgrade MEX ECU asserted",
                "criticism BRA MEX asserted",
                "criticism COL MEX asserted",
                "demand USA MEX asserted",
                "demand USA ECU asserted",
            ],
        ),
        (
            "Pakistan struck Afghanistan on Monday. China, which has close ties with both neighbours, called on the two sides to remain calm.",
            &["attack PAK AFG asserted", "demand CHN PAK asserted", "demand CHN AFG asserted"],
        ),
        (
            "Ecuadorian police forced their way into the Mexican embassy in Quito.",
            &["attack ECU MEX asserted"],
        ),
    ]);
}

#[test]
fn a_surname_alone_after_the_full_name_is_the_same_person() {
    check_table(&[(
        "Guyana's President Irfaan Ali called the moves a direct threat. U.S. Secretary of State Antony Blinken spoke to Ali by phone on Wednesday.",
        &["criticism GUY - asserted", "meeting USA GUY asserted"],
    )]);
}

#[test]
fn sharing_findings_or_evidence_shares_information() {
    check_table(&[(
        "Kazakhstan said it would share its findings with Azerbaijan and Russia.",
        &["intent_to_cooperate KAZ AZE planned", "intent_to_cooperate KAZ RUS planned"],
    )]);
}

#[test]
fn lifting_a_veto_or_dropping_an_objection_concedes() {
    check_table(&[
        ("Turkey dropped its objection to Sweden's NATO membership.", &["concession TUR SWE asserted"]),
        ("Hungary lifted its veto on the EU aid package on Thursday.", &["concession HUN - asserted"]),
    ]);
}

#[test]
fn a_vow_to_answer_a_hostile_act_threatens_and_protesters_clashing_protest() {
    check_table(&[
        ("Russia vowed to respond to any NATO deployment in Finland.", &["threat RUS NATO asserted"]),
        (
            "Protesters in Nairobi clashed with police over a proposed tax increase.",
            &["protest KEN KEN asserted"],
        ),
    ]);
}

#[test]
fn filing_a_case_against_a_state_accuses_it() {
    check_table(&[(
        "South Africa filed a genocide case against Israel at the International Court of Justice.",
        &["accusation ZAF ISR asserted"],
    )]);
}

#[test]
fn a_rebuke_drawn_from_someone_is_their_criticism_of_the_one_who_drew_it() {
    check_table(&[(
        "Washington approved a $1 billion arms sale to Taiwan, drawing a sharp rebuke from Beijing.",
        &["military_aid USA TWN asserted", "criticism CHN USA asserted"],
    )]);
}

#[test]
fn what_someone_is_accused_of_is_not_the_accusers_act() {
    check_table(&[
        (
            "The Kremlin accused the West of escalating the conflict by supplying long-range missiles to Kyiv.",
            &["accusation RUS - asserted"],
        ),
        ("Israel accused Hamas of stealing aid.", &["accusation ISR HAMAS asserted"]),
    ]);
}

/// Roles the dependency tree gives where the clause reading finds none: the subject of a
/// relative clause is the noun it hangs on, and an aside about an actor lends no target to
/// the main act.
#[test]
fn a_relative_clause_acts_for_its_antecedent() {
    check_table(&[
        (
            "Bolivia, which has been holding talks with Chile, called for calm on Monday.",
            &["meeting BOL CHL asserted", "demand BOL - asserted"],
        ),
        (
            "Peru's foreign minister, who visited Quito last week, said the border would stay open.",
            &["meeting PER ECU asserted"],
        ),
        // The parser's passive label on an active verb ("which has refused") is no passive.
        (
            "Chile, which has refused to send troops, pledged $30 million to the mission on Monday.",
            &["intent_to_cooperate CHL - asserted", "rejection CHL - asserted"],
        ),
        // What a party has long done describes it; it is no event.
        (
            "Chile, which has long hosted talks between Peru and Bolivia, called for calm.",
            &["demand CHL - asserted"],
        ),
    ]);
}

/// A bare title ("the Foreign Minister") names the state whose holder of that title was
/// named last, and nobody when two states' holders of it were named.
#[test]
fn a_bare_title_names_the_state_of_its_last_holder() {
    check_table(&[
        (
            "Peruvian Foreign Minister Javier Gonzalez-Olaechea met reporters in Lima. He spoke about trade. \
             The talks were long. The Foreign Minister accused Bolivia of smuggling.",
            &["accusation PER BOL asserted"],
        ),
        (
            "Peruvian Foreign Minister Javier Gonzalez-Olaechea met his Chilean counterpart in Lima. \
             Chilean Foreign Minister Alberto van Klaveren spoke later. The Foreign Minister accused Bolivia of smuggling.",
            &["meeting PER CHL asserted"],
        ),
    ]);
}

/// A promise not to act is no promise to act: not to cooperate is a refusal, not to strike
/// is a promise of restraint, never a threat.
#[test]
fn a_negated_promise_is_a_refusal_or_restraint() {
    check_table(&[
        ("Peru vowed not to return the islands to Chile.", &["rejection PER CHL asserted"]),
        ("Peru vowed never to attack Chile.", &["intent_to_cooperate PER CHL asserted"]),
        ("Peru vowed to return the islands to Chile.", &["intent_to_cooperate PER CHL asserted"]),
    ]);
}

/// Every party of a coordinated subject acts, as the tree groups it: a list whose second
/// member the parser set off as an apposition, and the members an "including" phrase adds;
/// nothing after the verb or across a dateline's dash joins the list.
#[test]
fn every_party_of_a_coordinated_subject_acts() {
    check_table(&[
        (
            "Chile, Argentina and their allies including Brazil and Uruguay condemned the attack on Monday.",
            &[
                "criticism CHL - asserted",
                "criticism ARG - asserted",
                "criticism BRA - asserted",
                "criticism URY - asserted",
            ],
        ),
        (
            "LIMA, Peru — Chile and Argentina sent troops to Bolivia on Monday, officials said.",
            &["troop_deployment CHL BOL claimed", "troop_deployment ARG BOL claimed"],
        ),
    ]);
}

/// A noun with its arguments makes an event as its verb would: the possessor acts and the
/// "from" phrase names whom a recall is aimed at.
#[test]
fn a_noun_with_its_arguments_is_an_event() {
    check_table(&[
        (
            "Ecuador's recall of its ambassador from Lima angered Peruvian officials.",
            &["diplomatic_downgrade ECU PER asserted"],
        ),
        (
            "Chile announced the withdrawal of its envoy from Quito on Monday.",
            &["diplomatic_downgrade CHL ECU asserted"],
        ),
    ]);
}
