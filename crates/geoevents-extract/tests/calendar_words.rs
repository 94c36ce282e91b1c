//! Every line of `data/lexicon/calendar.txt` carries an example: a written date that parses
//! to the date the line names, or a sentence whose event starts on it.

mod common;

use common::extract_on;
use geoevents_extract::calendar::parse_written_date;

#[test]
fn every_calendar_line_gives_its_example_the_date_it_names() {
    let text = include_str!("../data/lexicon/calendar.txt");
    let examples: Vec<(&str, &str)> =
        text.lines().filter_map(|l| l.strip_prefix("e.g. ")?.split_once(": ")).collect();
    for (want, example) in &examples {
        let got: Vec<String> = match parse_written_date(example) {
            Some(date) => vec![date.to_string()],
            None => extract_on(example, Some((2024, 10, 23)))
                .iter()
                .filter_map(|e| e.when.as_ref())
                .map(|w| w.start.to_string())
                .collect(),
        };
        assert!(got.iter().any(|g| g == want), "{example:?} should give {want}, gave {got:?}");
    }
    assert_eq!(examples.len(), 4);
}
