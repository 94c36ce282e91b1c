//! Tests of the compiled gazetteer: the data resolves the forms news uses, and the
//! matcher keeps to word boundaries, possessives and longest names.

use std::collections::HashSet;

use geoevents_domain::{PlacePrecision, Sector};

use super::{Form, Mention, gazetteer};

/// The mention covering exactly `name` inside `text`.
#[track_caller]
fn mention_of<'g>(text: &str, name: &str) -> Mention<'g> {
    let start = text.find(name).unwrap_or_else(|| panic!("{name:?} is not in {text:?}"));
    let mentions = gazetteer().find(text);
    mentions
        .into_iter()
        .find(|m| m.start == start && m.end == start + name.len())
        .unwrap_or_else(|| panic!("no mention of {name:?} in {text:?}: {:?}", gazetteer().find(text)))
}

fn code(mention: &Mention<'_>) -> Option<String> {
    mention.actor.map(|a| a.code.clone())
}

#[test]
fn the_shipped_tables_load_without_problems() {
    assert_eq!(gazetteer().problems, Vec::<String>::new());
}

#[test]
fn names_resolve_to_their_actor_form_and_sector() {
    // (sentence, name as matched, actor code, form, sector)
    let cases: &[(&str, &str, &str, Form, Option<Sector>)] = &[
        ("Pyongyang rejected the offer.", "Pyongyang", "PRK", Form::Capital, Some(Sector::Government)),
        ("Moscow said the talks failed.", "Moscow", "RUS", Form::Capital, Some(Sector::Government)),
        ("Officials in Kyiv and Kiev agreed.", "Kiev", "UKR", Form::Capital, Some(Sector::Government)),
        ("Seoul protested.", "Seoul", "KOR", Form::Capital, Some(Sector::Government)),
        ("Beijing and Washington met.", "Washington", "USA", Form::Capital, Some(Sector::Government)),
        ("Tehran warned Riyadh.", "Riyadh", "SAU", Form::Capital, Some(Sector::Government)),
        ("the Kremlin said on Friday", "Kremlin", "RUS", Form::Metonym, Some(Sector::Government)),
        (
            "The White House declined to comment.",
            "White House",
            "USA",
            Form::Metonym,
            Some(Sector::Government),
        ),
        ("a Downing Street spokesman", "Downing Street", "GBR", Form::Metonym, Some(Sector::Government)),
        ("the Élysée said", "Élysée", "FRA", Form::Metonym, Some(Sector::Government)),
        ("the Elysee said", "Elysee", "FRA", Form::Metonym, Some(Sector::Government)),
        ("the Pentagon announced", "Pentagon", "USA", Form::Organ, Some(Sector::Military)),
        ("the State Department said", "State Department", "USA", Form::Organ, Some(Sector::Government)),
        ("Congress passed the bill", "Congress", "USA", Form::Organ, Some(Sector::Legislature)),
        ("the Knesset voted", "Knesset", "ISR", Form::Organ, Some(Sector::Legislature)),
        ("the IRGC fired missiles", "IRGC", "IRN", Form::Organ, Some(Sector::Military)),
        ("KCNA reported", "KCNA", "PRK", Form::Organ, Some(Sector::Media)),
        ("according to Xinhua", "Xinhua", "CHN", Form::Organ, Some(Sector::Media)),
        ("Yonhap reported", "Yonhap", "KOR", Form::Organ, Some(Sector::Media)),
        ("The Korea Times editorialized", "Korea Times", "KOR", Form::Organ, Some(Sector::Media)),
        ("the FSB detained him", "FSB", "RUS", Form::Organ, Some(Sector::Police)),
        ("North Korean troops arrived", "North Korean troops", "PRK", Form::Organ, Some(Sector::Military)),
        (
            "the South Korean government expressed concern",
            "South Korean government",
            "KOR",
            Form::Organ,
            Some(Sector::Government),
        ),
        (
            "the Russian Defence Ministry said",
            "Russian Defence Ministry",
            "RUS",
            Form::Organ,
            Some(Sector::Military),
        ),
        (
            "President Yoon Suk Yeol's administration",
            "Yoon Suk Yeol",
            "KOR",
            Form::Person,
            Some(Sector::Leader),
        ),
        ("Yoon Suk-yeol said", "Yoon Suk-yeol", "KOR", Form::Person, Some(Sector::Leader)),
        ("Kim Jong Un inspected", "Kim Jong Un", "PRK", Form::Person, Some(Sector::Leader)),
        ("Kim Jong-un inspected", "Kim Jong-un", "PRK", Form::Person, Some(Sector::Leader)),
        ("Putin met Zelensky", "Zelensky", "UKR", Form::Person, Some(Sector::Leader)),
        ("Zelenskyy said", "Zelenskyy", "UKR", Form::Person, Some(Sector::Leader)),
        ("Erdoğan spoke", "Erdoğan", "TUR", Form::Person, Some(Sector::Leader)),
        ("Erdogan spoke", "Erdogan", "TUR", Form::Person, Some(Sector::Leader)),
        ("Mark Rutte said", "Mark Rutte", "NATO", Form::Person, Some(Sector::Leader)),
        ("South Korea's exports", "South Korea", "KOR", Form::Name, None),
        ("Russia’s army", "Russia", "RUS", Form::Name, None),
        ("the U.S.-led coalition", "U.S.", "USA", Form::Name, None),
        ("sanctions imposed by the U.S.", "U.S.", "USA", Form::Name, None),
        ("the Russia-Ukraine war", "Ukraine", "UKR", Form::Name, None),
        ("North Korean soldiers", "North Korean soldiers", "PRK", Form::Organ, Some(Sector::Military)),
        (
            "a North Korean delegation",
            "North Korean delegation",
            "PRK",
            Form::Organ,
            Some(Sector::Government),
        ),
        ("the North Korean regime", "North Korean regime", "PRK", Form::Organ, Some(Sector::Government)),
        ("North Korean leader", "North Korean leader", "PRK", Form::Organ, Some(Sector::Leader)),
        ("many North Korean", "North Korean", "PRK", Form::Demonym, None),
        ("UK troops landed", "UK troops", "GBR", Form::Organ, Some(Sector::Military)),
        ("US officials said", "US officials", "USA", Form::Organ, Some(Sector::Government)),
        ("the UAE foreign minister", "UAE foreign minister", "ARE", Form::Organ, Some(Sector::Leader)),
        (
            "Iranian Ministry of Foreign Affairs",
            "Iranian Ministry of Foreign Affairs",
            "IRN",
            Form::Organ,
            Some(Sector::Government),
        ),
        ("Israelis and Palestinians", "Palestinians", "PSE", Form::Demonym, None),
        ("Emirati officials", "Emirati officials", "ARE", Form::Organ, Some(Sector::Government)),
        ("a Saudi prince", "Saudi", "SAU", Form::Demonym, None),
        ("Congolese soldiers", "Congolese soldiers", "COD", Form::Organ, Some(Sector::Military)),
        ("in the DPRK", "DPRK", "PRK", Form::Name, None),
        ("Britain and the UK", "Britain", "GBR", Form::Name, None),
        ("Great Britain", "Great Britain", "GBR", Form::Name, None),
        ("the U.K. government", "U.K. government", "GBR", Form::Organ, Some(Sector::Government)),
        ("Republic of Korea", "Republic of Korea", "KOR", Form::Name, None),
        ("the PRC and mainland China", "mainland China", "CHN", Form::Name, None),
        ("Ivory Coast", "Ivory Coast", "CIV", Form::Name, None),
        ("Côte d’Ivoire", "Côte d’Ivoire", "CIV", Form::Name, None),
        ("Cote d'Ivoire", "Cote d'Ivoire", "CIV", Form::Name, None),
        ("Burma", "Burma", "MMR", Form::Name, None),
        ("Czechia", "Czechia", "CZE", Form::Name, None),
        ("Türkiye", "Türkiye", "TUR", Form::Name, None),
        ("Turkey", "Turkey", "TUR", Form::Name, None),
        ("the Democratic Republic of the Congo", "Democratic Republic of the Congo", "COD", Form::Name, None),
        ("Congo-Brazzaville", "Congo-Brazzaville", "COG", Form::Name, None),
        ("Equatorial Guinea", "Equatorial Guinea", "GNQ", Form::Name, None),
        ("Guinea-Bissau", "Guinea-Bissau", "GNB", Form::Name, None),
        ("Papua New Guinea", "Papua New Guinea", "PNG", Form::Name, None),
        ("Guinea", "Guinea", "GIN", Form::Name, None),
        ("Niger and Nigeria", "Niger", "NER", Form::Name, None),
        ("Kosovo", "Kosovo", "XKX", Form::Name, None),
        ("the Holy See", "Holy See", "VAT", Form::Name, None),
        ("Taiwan", "Taiwan", "TWN", Form::Name, None),
        ("the United Nations", "United Nations", "UN", Form::Name, Some(Sector::International)),
        ("the U.N. Security Council", "U.N. Security Council", "UN", Form::Name, Some(Sector::International)),
        ("the European Commission", "European Commission", "EU", Form::Name, Some(Sector::International)),
        ("the African Union", "African Union", "AU", Form::Name, Some(Sector::International)),
        ("the IAEA", "IAEA", "IAEA", Form::Name, Some(Sector::International)),
        ("Hamas fighters", "Hamas", "HAMAS", Form::Name, Some(Sector::Rebels)),
        ("Houthi rebels attacked", "Houthi rebels", "HOUTHIS", Form::Name, Some(Sector::Rebels)),
        ("Ansar Allah", "Ansar Allah", "HOUTHIS", Form::Name, Some(Sector::Rebels)),
        ("Islamic State", "Islamic State", "ISIS", Form::Name, Some(Sector::Rebels)),
        ("Daesh", "Daesh", "ISIS", Form::Name, Some(Sector::Rebels)),
        ("the Rapid Support Forces", "Rapid Support Forces", "RSF", Form::Name, Some(Sector::Rebels)),
        ("Kataib Hezbollah", "Kataib Hezbollah", "KATAIB_HEZBOLLAH", Form::Name, Some(Sector::Rebels)),
        ("Amnesty International said", "Amnesty International", "AMNESTY", Form::Name, None),
        ("the Red Cross", "Red Cross", "ICRC", Form::Name, None),
    ];
    for &(text, name, expected, form, sector) in cases {
        let m = mention_of(text, name);
        assert_eq!(code(&m).as_deref(), Some(expected), "{text}: {name}");
        assert_eq!(m.form, form, "{text}: {name}");
        assert_eq!(m.sector, sector, "{text}: {name}");
    }
}

#[test]
fn places_resolve_with_country_and_precision() {
    // (sentence, name as matched, country, precision)
    let cases: &[(&str, &str, &str, PlacePrecision)] = &[
        ("deployed to Kursk", "Kursk", "RUS", PlacePrecision::City),
        ("fighting in the Kursk region", "Kursk region", "RUS", PlacePrecision::Region),
        ("strikes on Kharkiv", "Kharkiv", "UKR", PlacePrecision::City),
        ("in Odessa", "Odessa", "UKR", PlacePrecision::City),
        ("in Gaza", "Gaza", "PSE", PlacePrecision::Region),
        ("in Gaza City", "Gaza City", "PSE", PlacePrecision::City),
        ("in the Gaza Strip", "Gaza Strip", "PSE", PlacePrecision::Region),
        ("the West Bank", "West Bank", "PSE", PlacePrecision::Region),
        ("the Golan Heights", "Golan Heights", "SYR", PlacePrecision::Region),
        ("in Crimea", "Crimea", "UKR", PlacePrecision::Region),
        ("in Donbas", "Donbas", "UKR", PlacePrecision::Region),
        ("Darfur", "Darfur", "SDN", PlacePrecision::Region),
        ("Tigray", "Tigray", "ETH", PlacePrecision::Region),
        ("Xinjiang", "Xinjiang", "CHN", PlacePrecision::Region),
        ("Kashmir", "Kashmir", "IND", PlacePrecision::Region),
        ("in Rafah", "Rafah", "PSE", PlacePrecision::City),
        ("in Khan Younis", "Khan Younis", "PSE", PlacePrecision::City),
        ("in Aleppo", "Aleppo", "SYR", PlacePrecision::City),
        ("in Geneva", "Geneva", "CHE", PlacePrecision::City),
        ("in Texas", "Texas", "USA", PlacePrecision::Region),
        ("in Tyre", "Tyre", "LBN", PlacePrecision::City),
    ];
    for &(text, name, country, precision) in cases {
        let m = mention_of(text, name);
        let place = m.place.unwrap_or_else(|| panic!("{name} has no place"));
        assert_eq!(place.country, country, "{text}");
        assert_eq!(place.precision, precision, "{text}");
        assert!(place.lat.abs() <= 90.0 && place.lon.abs() <= 180.0, "{text}");
    }
}

#[test]
fn a_capital_carries_both_the_government_and_the_city() {
    let m = mention_of("Pyongyang said", "Pyongyang");
    let place = m.place.expect("capital place");
    assert_eq!(place.precision, PlacePrecision::City);
    assert_eq!(place.country, "PRK");
    assert!((place.lat - 39.03).abs() < 0.2 && (place.lon - 125.75).abs() < 0.2, "{place:?}");
}

#[test]
fn a_country_name_carries_the_actor_and_the_country_place() {
    let m = mention_of("troops in Russia", "Russia");
    assert_eq!(code(&m).as_deref(), Some("RUS"));
    let place = m.place.expect("country place");
    assert_eq!(place.precision, PlacePrecision::Country);
    assert_eq!(gazetteer().country_place("RUS"), Some(place));
}

#[test]
fn names_that_are_not_what_they_contain_match_nothing() {
    // Each text must yield no mention of an actor or place (shields are allowed).
    let cases = [
        "turkey and chad for dinner",
        "Nigerian",
        "the Germanic languages",
        "Chinaware",
        "USD",
        "G77",
        "Nice weather",
        "March",
        "Reading the report",
        "Of course",
        "Mobile phones",
        "Split decision",
        "Victoria Beckham",
        "Jordan Bardella said",
        "Chad Smith drums",
        "the Paris Agreement",
        "the South China Sea",
        "the Korean Peninsula",
        "Latin American leaders",
        "Holland",
        "Store",
        "Male voters",
        "Springs",
        "Reunion",
        "Mandela said",
        "Vladimir Kara-Murza",
        "Bush said",
        "Amnesty was granted",
        "Austin said",
        "the Vietnam War",
    ];
    for text in cases {
        let resolved: Vec<_> =
            gazetteer().find(text).into_iter().filter(|m| m.actor.is_some() || m.place.is_some()).collect();
        let names: Vec<&str> = resolved.iter().map(|m| &text[m.start..m.end]).collect();
        // "Nigerian" is Nigeria's demonym: it must not be Niger.
        if text == "Nigerian" {
            assert_eq!(resolved.iter().filter_map(code).collect::<Vec<_>>(), ["NGA"], "{text}");
            continue;
        }
        assert!(resolved.is_empty(), "{text:?} matched {names:?}");
    }
}

#[test]
fn names_folding_to_english_words_match_only_with_their_marks() {
    for (text, name, expected) in
        [("talks in Malé on Monday", "Malé", "MDV"), ("Réunion voted", "Réunion", "REU")]
    {
        let found = gazetteer().find(text);
        let m = found.iter().find(|m| m.actor.is_some()).unwrap_or_else(|| panic!("{text}: nothing found"));
        assert_eq!((&text[m.start..m.end], code(m).as_deref()), (name, Some(expected)), "{text}");
    }
}

#[test]
fn jordan_and_chad_as_states_still_match() {
    for (text, name, expected) in [
        ("Jordan and Egypt agreed", "Jordan", "JOR"),
        ("troops in Chad.", "Chad", "TCD"),
        ("Jordan's King Abdullah", "Jordan", "JOR"),
        ("Jordan King Abdullah", "Jordan", "JOR"),
        ("Georgia, Armenia", "Georgia", "GEO"),
    ] {
        assert_eq!(code(&mention_of(text, name)).as_deref(), Some(expected), "{text}");
    }
}

#[test]
fn mentions_are_ordered_non_overlapping_and_on_char_boundaries() {
    let text = "Under President Yoon Suk Yeol’s administration, South Korea has joined U.S.-led \
                sanctions against Russia and provided humanitarian aid to Ukraine — Kyiv welcomed it. \
                Ünïcödé Erdoğan’s Türkiye, 日本 and Côte d’Ivoire.";
    let mentions = gazetteer().find(text);
    assert!(mentions.len() >= 8, "{mentions:?}");
    let mut last_end = 0;
    for m in &mentions {
        assert!(m.start >= last_end && m.start < m.end, "{m:?}");
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        last_end = m.end;
    }
    let codes: Vec<String> = mentions.iter().filter_map(code).collect();
    for expected in ["KOR", "USA", "RUS", "UKR", "TUR", "CIV"] {
        assert!(codes.iter().any(|c| c == expected), "{expected} missing from {codes:?}");
    }
}

#[test]
fn find_survives_hostile_input() {
    let long_word = "a".repeat(10_000);
    let many_names = "Russia ".repeat(2_000);
    let cases = [
        "",
        "'",
        "’s",
        "U.S",
        "\u{0}\u{FFFF}",
        "Russia'",
        "Russia’",
        long_word.as_str(),
        many_names.as_str(),
    ];
    for text in cases {
        let mentions = gazetteer().find(text);
        assert!(mentions.iter().all(|m| m.end <= text.len()));
    }
    assert_eq!(gazetteer().find(&many_names).len(), 2_000);
}

#[test]
fn every_un_member_has_a_name_a_demonym_and_a_capital_place() {
    let g = gazetteer();
    let states: Vec<_> = g.actors().iter().filter(|a| a.kind == super::ActorKind::State).collect();
    assert_eq!(states.len(), 197, "193 members, 2 observers, Taiwan and Kosovo");
    // Two states share a demonym with a bigger neighbour, which keeps it ("Congolese":
    // DR Congo, "Dominican": the Dominican Republic); city-states' capitals are their
    // names.
    let shared_demonym = ["COG", "DMA"];
    let city_states = ["SGP", "MCO", "VAT"];
    let names_by_actor = pattern_forms();
    let mut missing = Vec::new();
    for state in states {
        let forms = names_by_actor.get(state.code.as_str()).cloned().unwrap_or_default();
        for (form, what) in
            [(Form::Name, "name"), (Form::Demonym, "demonym"), (Form::Capital, "capital name")]
        {
            let excused = (form == Form::Demonym && shared_demonym.contains(&state.code.as_str()))
                || (form == Form::Capital && city_states.contains(&state.code.as_str()));
            if !forms.contains(&form) && !excused {
                missing.push(format!("{} has no {what}", state.code));
            }
        }
        if !g.places().iter().any(|p| p.country == state.code && p.precision == PlacePrecision::City) {
            missing.push(format!("{} has no capital place", state.code));
        }
        if g.country_place(&state.code).is_none() {
            missing.push(format!("{} has no country place", state.code));
        }
    }
    assert_eq!(missing, Vec::<String>::new());
}

#[test]
fn a_city_named_like_a_leader_stays_a_city() {
    let m = mention_of("flights from Xi'an resumed", "Xi'an");
    assert!(m.actor.is_none());
    assert_eq!(m.place.map(|p| p.country.as_str()), Some("CHN"));
    assert_eq!(code(&mention_of("Xi's visit", "Xi")).as_deref(), Some("CHN"));
}

/// For each actor code, the forms its names take.
fn pattern_forms() -> std::collections::HashMap<&'static str, HashSet<Form>> {
    let g = gazetteer();
    let mut out: std::collections::HashMap<&'static str, HashSet<Form>> = std::collections::HashMap::new();
    for entry in &g.names {
        if let Some(actor) = entry.actor {
            out.entry(g.actors[actor].code.as_str()).or_default().insert(entry.form);
        }
    }
    out
}

#[test]
fn every_actor_code_is_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for actor in gazetteer().actors() {
        assert!(seen.insert(actor.code.as_str()), "duplicate code {}", actor.code);
        assert!(
            !actor.code.is_empty()
                && actor.code.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_'),
            "bad code {:?}",
            actor.code
        );
        if let Some(country) = &actor.country {
            assert!(gazetteer().actor(country).is_some(), "{} belongs to unknown {country}", actor.code);
        }
    }
}

#[test]
fn no_pattern_is_empty_or_padded() {
    let loaded = super::load::load();
    assert_eq!(loaded.patterns.len(), loaded.names.len());
    for pattern in &loaded.patterns {
        assert!(!pattern.is_empty() && pattern.trim() == pattern.as_ref(), "{pattern:?}");
    }
    let unique: HashSet<&str> = loaded.patterns.iter().map(|p| p.as_ref()).collect();
    assert_eq!(unique.len(), loaded.patterns.len(), "a pattern is listed twice");
}

#[test]
fn armed_groups_carry_their_country_and_bodies_their_kind() {
    let g = gazetteer();
    let cases = [
        ("HAMAS", Some("PSE")),
        ("HEZBOLLAH", Some("LBN")),
        ("HOUTHIS", Some("YEM")),
        ("WAGNER", Some("RUS")),
        ("TALIBAN", Some("AFG")),
        ("RSF", Some("SDN")),
        ("M23", Some("COD")),
        ("ISIS", None),
    ];
    for (code, country) in cases {
        let actor = g.actor(code).unwrap_or_else(|| panic!("{code} missing"));
        assert_eq!(actor.kind, super::ActorKind::ArmedGroup, "{code}");
        assert_eq!(actor.country.as_deref(), country, "{code}");
    }
    for code in [
        "UN",
        "NATO",
        "EU",
        "IAEA",
        "ASEAN",
        "AU",
        "G7",
        "G20",
        "OPEC",
        "WHO",
        "ICC",
        "OSCE",
        "SCO",
        "BRICS",
        "GCC",
        "ARAB_LEAGUE",
    ] {
        assert_eq!(g.actor(code).map(|a| a.kind), Some(super::ActorKind::International), "{code}");
    }
    for code in ["AMNESTY", "HRW", "MSF", "ICRC"] {
        assert_eq!(g.actor(code).map(|a| a.kind), Some(super::ActorKind::Ngo), "{code}");
    }
}

#[test]
fn imported_people_stand_for_their_state_in_office_and_out_of_it() {
    use std::collections::HashMap;

    use chrono::{Datelike, Days, NaiveDate};

    const OFFICES: &str = include_str!("../../data/imported/petrarch/leaders.tsv");
    let day = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
    let mut by_name: HashMap<&str, Vec<(&str, NaiveDate, NaiveDate)>> = HashMap::new();
    for line in OFFICES.lines().filter(|l| !l.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [state, _sector, from, to, names] = fields[..] else { panic!("bad row {line:?}") };
        let (Some(from), Some(to)) = (day(from), day(to)) else { panic!("bad dates {line:?}") };
        for name in names.split('|').filter(|n| n.split_whitespace().count() >= 2) {
            by_name.entry(name).or_default().push((state, from, to));
        }
    }
    let mut candidates: Vec<(&str, &str, NaiveDate, NaiveDate)> = by_name
        .iter()
        .filter_map(|(name, offices)| match offices[..] {
            [(state, from, to)] if to.year() < 9999 => Some((*name, state, from, to)),
            _ => None,
        })
        .collect();
    candidates.sort();
    let (mut dated, mut wrong) = (0, Vec::new());
    for (name, state, from, to) in candidates.into_iter().take(600) {
        let written = super::load::title_case(name);
        let text = format!("On that day {written} spoke to reporters.");
        let actor_on = |d: Option<NaiveDate>| {
            gazetteer()
                .find_on(&text, d)
                .into_iter()
                .find(|m| text.get(m.start..m.end) == Some(written.as_str()) && m.form == Form::Person)
                .map(|m| (code(&m), m.sector))
        };
        let middle = from + (to - from) / 2;
        let after = to.checked_add_days(Days::new(400));
        let (Some(during), Some(later)) = (actor_on(Some(middle)), actor_on(after)) else { continue };
        // In office: the state and the office's sector. Before or after it: still the
        // state's person (someone who served one state only), but in no sector.
        match (during, later) {
            // Claimed by a table of ours, which does not depend on the date.
            (during, later) if during == later => {}
            ((Some(now), Some(_)), (Some(then), None)) if now == state && then == state => dated += 1,
            ((Some(now), _), (then, sector))
                if now != state || then.as_deref() != Some(state) || sector.is_some() =>
            {
                wrong.push(format!("{written}: {now} then {then:?} {sector:?}, not {state}"));
            }
            _ => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:?}");
    assert!(dated >= 100, "only {dated} imported people resolved by date");
}
