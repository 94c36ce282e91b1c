//! Every line of `data/lexicon/quantities.txt` carries an example sentence of our own and the
//! quantity it must give (`unit value currency qualifier`, `none` for no quantity at all, or
//! `date YYYY-MM-DD` for the day an event of the sentence starts on, for the counts of "N days
//! ago"); extracting the example must give it.

mod common;

use common::extract_on;

#[test]
fn every_quantity_line_gives_its_example_the_quantity_it_names() {
    let text = include_str!("../data/lexicon/quantities.txt");
    let mut checked = 0;
    for line in text.lines() {
        let Some(example) = line.strip_prefix("e.g. ") else { continue };
        let (want, sentence) = example.split_once(": ").unwrap_or_else(|| panic!("bad example {line}"));
        let events = extract_on(sentence, Some((2024, 10, 23)));
        let got: Vec<String> = events
            .iter()
            .filter_map(|e| e.quantity.as_ref())
            .map(|q| {
                format!("{} {} {} {}", q.unit, q.value, q.currency.as_deref().unwrap_or("-"), q.qualifier)
            })
            .collect();
        if let Some(day) = want.strip_prefix("date ") {
            let starts: Vec<String> =
                events.iter().filter_map(|e| e.when.as_ref()).map(|w| w.start.to_string()).collect();
            assert!(starts.iter().any(|s| s == day), "{sentence:?} should start on {day}, gave {starts:?}");
        } else if want == "none" {
            assert!(
                !events.is_empty() && got.is_empty(),
                "{sentence:?}: expected events without a quantity, got {got:?}"
            );
        } else {
            assert!(got.iter().any(|g| g == want), "{sentence:?} should give {want}, gave {got:?}");
        }
        checked += 1;
    }
    assert!(checked >= 15, "{checked} examples");
}
