//! One-line summaries: "North Korea sent 3,000 troops to Russia".
//!
//! Generated from the coded event, never copied from the text: the actor's registry name,
//! a verb phrase for the kind and CAMEO code (`data/lexicon/summaries.txt`), the target's
//! registry name, and the troop or casualty count when there is one. The verb phrase follows the
//! modality: past for asserted and claimed events, "plans to" for planned, "could" for
//! hypothetical and "did not" for negated ones.

use geoevents_domain::{ExtractedEvent, Modality, QuantityQualifier};

use super::kinds::{self, Phrase};

fn format_count(value: f64) -> String {
    let rounded = value.round();
    if (value - rounded).abs() > f64::EPSILON || rounded >= 1e15 {
        return format!("{value}");
    }
    let digits = format!("{}", rounded as u64);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The one-line summary of an event, naming actor and target by their registry names
/// when known.
pub fn summarize(event: &ExtractedEvent, actor_name: Option<&str>, target_name: Option<&str>) -> String {
    let Phrase { past, base, mut object, preposition: prep } = kinds::phrase(event.kind, event.cameo);
    let actor = actor_name.or(event.actor.as_ref().map(|a| a.name.as_str())).unwrap_or("Unidentified actors");
    let verb = match event.modality {
        Modality::Asserted | Modality::Claimed => past.to_owned(),
        Modality::Planned => format!("plans to {base}"),
        Modality::Hypothetical => format!("could {base}"),
        Modality::Negated => format!("did not {base}"),
    };
    let mut counted = String::new();
    if let Some(q) = &event.quantity
        && matches!(q.unit.as_str(), "troops")
        && object == "troops"
    {
        let qualifier = match q.qualifier {
            QuantityQualifier::Exact => "",
            QuantityQualifier::Approximate => "about ",
            QuantityQualifier::AtLeast => "at least ",
            QuantityQualifier::UpTo => "up to ",
        };
        counted = format!("{qualifier}{} ", format_count(q.value));
    }
    if object == "troops" && counted.is_empty() {
        object = "troops";
    }
    let mut line = format!("{actor} {verb}");
    if !object.is_empty() {
        line.push(' ');
        line.push_str(&counted);
        line.push_str(object);
    }
    if let Some(target) = &event.target {
        if prep.is_empty() {
            line.push(' ');
        } else {
            line.push(' ');
            line.push_str(prep);
            line.push(' ');
        }
        line.push_str(target_name.unwrap_or(&target.name));
    }
    if let Some(q) = &event.quantity
        && counted.is_empty()
        && q.unit != "troops"
    {
        line.push_str(&format!(" ({})", q.text));
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    use geoevents_domain::{Actor, Cameo, Evidence, Kind};

    fn actor(name: &str) -> Actor {
        Actor { name: name.to_owned(), code: name.to_uppercase(), country: None, sector: None, person: None }
    }

    /// Every line of `summaries.txt` carries an example summary of an asserted event;
    /// summarising that event must give it word for word.
    #[test]
    fn every_summary_line_gives_its_example() {
        let text = include_str!("../../data/lexicon/summaries.txt");
        let mut checked = 0;
        let mut key: Option<&str> = None;
        for line in text.lines() {
            if let Some(example) = line.strip_prefix("e.g. ") {
                let name = key.take().unwrap_or_else(|| panic!("example without a line: {line}"));
                let (kind, code) = name.split_once(' ').unwrap();
                let kind: Kind = kind.parse().unwrap();
                let cameo = if code == "*" { kind.cameo() } else { code.parse::<Cameo>().unwrap() };
                let (parties, want) = example.split_once(": ").unwrap();
                let (actor_name, target_name) = parties.split_once(" -> ").unwrap();
                let event = ExtractedEvent {
                    kind,
                    cameo,
                    actor: Some(actor(actor_name)),
                    target: (target_name != "-").then(|| actor(target_name)),
                    location: None,
                    when: None,
                    quantity: None,
                    modality: Modality::Asserted,
                    attribution: None,
                    quote: None,
                    summary: String::new(),
                    confidence: 1.0,
                    evidence: vec![Evidence { sentence: String::new(), start: 0, end: 0 }],
                };
                assert_eq!(summarize(&event, None, None), want, "{name}");
                checked += 1;
            } else if let Some((name, _)) = line.split_once(" = ").filter(|_| !line.starts_with('#')) {
                assert!(key.is_none(), "{key:?} has no example");
                key = Some(name);
            }
        }
        assert!(key.is_none(), "{key:?} has no example");
        assert!(checked > Kind::ALL.len(), "{checked} examples");
    }

    #[test]
    fn counts_are_grouped_in_thousands() {
        assert_eq!(format_count(3000.0), "3,000");
        assert_eq!(format_count(1_234_567.0), "1,234,567");
        assert_eq!(format_count(12.0), "12");
    }
}
