//! Names match however the text spells them: with the diacritics of their own language
//! or without, with the comma-below or cedilla forms of Romanian letters, with curly or
//! straight apostrophes. The gazetteer lists some of these names only with diacritics and
//! some only without; each pair of spellings below must give the same events.

mod common;

use common::{describe, extract_on};

/// (spelling with diacritics, plain spelling, the state the person acts for).
const NAMES: &[(&str, &str, &str)] = &[
    // Vietnamese: listed with and without; listed plain only.
    ("Phạm Minh Chính", "Pham Minh Chinh", "VNM"),
    ("Nguyễn Xuân Phúc", "Nguyen Xuan Phuc", "VNM"),
    // Turkish: dotted capital I, dotless i, cedilla, breve; listed with diacritics only.
    ("Ekrem İmamoğlu", "Ekrem Imamoglu", "TUR"),
    ("Özgür Özel", "Ozgur Ozel", "TUR"),
    ("Mevlüt Çavuşoğlu", "Mevlut Cavusoglu", "TUR"),
    // Polish: the stroked l, which has no decomposition; listed with diacritics only.
    ("Beata Szydło", "Beata Szydlo", "POL"),
    ("Władysław Kosiniak-Kamysz", "Wladyslaw Kosiniak-Kamysz", "POL"),
    // Czech: caron and acute.
    ("Miloš Zeman", "Milos Zeman", "CZE"),
    ("Jan Lipavský", "Jan Lipavsky", "CZE"),
    // Romanian: comma below as listed, and the cedilla forms older fonts use.
    ("Traian Băsescu", "Traian Basescu", "ROU"),
    ("Nicuşor Dan", "Nicusor Dan", "ROU"),
    ("Oana Ţoiu", "Oana Toiu", "ROU"),
];

#[test]
fn a_name_gives_the_same_event_with_or_without_its_diacritics() {
    for (marked, plain, state) in NAMES {
        let events = |name: &str| {
            let sentence = format!("{name} met Chinese President Xi Jinping in Beijing on Tuesday.");
            extract_on(&sentence, Some((2024, 10, 23))).iter().map(describe).collect::<Vec<_>>()
        };
        let (with_marks, without) = (events(marked), events(plain));
        assert_eq!(with_marks, without, "{marked} and {plain} should give the same events");
        assert!(
            with_marks.iter().any(|e| e.starts_with(&format!("meeting {state} CHN"))),
            "{marked}: expected a meeting of {state} with CHN, got {with_marks:?}"
        );
    }
}

#[test]
fn a_curly_apostrophe_and_a_no_break_space_do_not_hide_a_name() {
    let straight =
        extract_on("Turkey's president Erdogan met Chinese President Xi Jinping.", Some((2024, 10, 23)));
    let curly = extract_on(
        "Turkey\u{2019}s president Erdoğan met Chinese\u{a0}President Xi Jinping.",
        Some((2024, 10, 23)),
    );
    assert_eq!(
        straight.iter().map(describe).collect::<Vec<_>>(),
        curly.iter().map(describe).collect::<Vec<_>>()
    );
    assert!(!curly.is_empty());
    let evidence = &curly[0].evidence[0].sentence;
    assert!(evidence.contains("Erdoğan"), "evidence keeps the text as written: {evidence}");
}
