//! Extraction never panics and its offsets always land in the text: a property test over
//! generated articles built from the extractor's own vocabulary (trigger lemmas, object
//! classes, function words, state names) mixed with punctuation, quotes, numbers, dates and
//! awkward Unicode — right-to-left scripts and marks, combining marks, emoji with modifiers
//! and joiners, characters whose lower case is longer than they are — as text and as HTML.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default, as CI runs it).

use std::sync::OnceLock;

use geoevents_domain::{ArticleBody, ArticleInput};
use proptest::prelude::*;

/// Words from the lexicon's data files and the gazetteer, so generated text reaches the
/// extractor's deeper paths (triggers, roles, modality) and not only its tokenizer.
fn vocabulary() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<String> = Vec::new();
        let lists = [
            include_str!("../data/lexicon/classes.txt"),
            include_str!("../data/lexicon/function_words.txt"),
            include_str!("../data/lexicon/verb_classes.txt"),
            include_str!("../data/lexicon/titles.txt"),
            include_str!("../data/lexicon/agent_nouns.txt"),
        ];
        for list in lists {
            for line in list.lines().filter(|l| !l.trim_start().starts_with('#')) {
                let entries = line.split_once('=').map_or(line, |(_, rest)| rest);
                words.extend(entries.split_whitespace().map(str::to_owned));
            }
        }
        // Trigger lemmas: the second field of each rule line (`v deploy|send ...`).
        for rules in
            [include_str!("../data/lexicon/verb_rules.txt"), include_str!("../data/lexicon/noun_rules.txt")]
        {
            for line in rules.lines().filter(|l| l.starts_with("v ") || l.starts_with("n ")) {
                if let Some(lemmas) = line.split_whitespace().nth(1) {
                    words.extend(lemmas.split('|').map(str::to_owned));
                }
            }
        }
        // State names (third column), capitalised as in news.
        for line in include_str!("../data/states.tsv").lines().filter(|l| !l.starts_with('#')) {
            if let Some(name) = line.split('\t').nth(2) {
                words.push(name.to_owned());
            }
        }
        words.extend(
            [
                "deployed",
                "sent",
                "said",
                "says",
                "told",
                "signed",
                "imposed",
                "will",
                "would",
                "not",
                "didn't",
                "won't",
                "President",
                "Mr.",
                "U.S.",
                "Gen.",
                "Jr.",
                "Ms",
                "E.U.",
                "U.N.",
                "Putin",
                "Yoon",
                "Zelensky",
                "Biden",
                "Xi",
                "NATO",
                "Hamas",
                "Houthis",
                "Kremlin",
                "Pentagon",
                "ministry",
                "spokesperson",
                "reportedly",
                "allegedly",
                "if",
                "unless",
                "whether",
                "denied",
                "refused",
                "planned",
                "to",
                "and",
                "or",
                "including",
                "welcome",
                "Thank",
                "you",
                "for",
                "the",
                "award",
            ]
            .map(str::to_owned),
        );
        words.sort();
        words.dedup();
        words
    })
}

/// Everything that is not a word: punctuation, quotes, numbers, dates, odd Unicode, spaces.
const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\r\n",
    "\u{a0}",
    "\u{200b}",
    "\u{ad}",
    ".",
    ",",
    ";",
    ":",
    "!",
    "?",
    "!?",
    "...",
    "…",
    "-",
    "—",
    "–",
    "(",
    ")",
    "[",
    "]",
    "/",
    "&",
    "%",
    "'",
    "\"",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "'s",
    "n't",
    "s'",
    "3,000",
    "1.5",
    "40",
    "0",
    "2024",
    "12",
    "$5 billion",
    "€50 million",
    "10%",
    "1,200",
    "-7",
    "Monday",
    "last week",
    "May 12",
    "12 May 2025",
    "2024-10-25",
    "October 25, 2024",
    "on Friday",
    "next year",
    "ישראל",
    "الولايات المتحدة",
    "\u{200f}",
    "\u{200e}",
    "\u{202e}",
    "e\u{301}",
    "a\u{308}\u{308}\u{308}",
    "\u{301}",
    "🇺🇦",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "中国",
    "日本の首相",
    "नमस्ते",
    "İstanbul",
    "İ",
    "ẞ",
    "ΣΑΣ",
    "ﬁ",
    "Ⅻ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u{feff}",
    "\u{0}",
    "\u{fffd}",
    "<",
    ">",
    "&amp;",
    "<p>",
    "</p>",
    "<br>",
    "<div class=\"comment\">",
    "</div>",
    "<script>x</script>",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0..vocabulary().len()).prop_map(|i| vocabulary()[i].clone()),
        1 => (0..vocabulary().len()).prop_map(|i| {
            let mut chars = vocabulary()[i].chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }),
        2 => (0..PIECES.len()).prop_map(|i| PIECES[i].to_owned()),
    ]
}

/// A sentence-like run of words: a capital first, a terminal mark last, as prose has.
fn sentence() -> impl Strategy<Value = String> {
    let word = (0..vocabulary().len()).prop_map(|i| vocabulary()[i].clone());
    (proptest::collection::vec(word, 1..24), 0..6usize).prop_map(|(words, end)| {
        let mut text = words.join(" ");
        if let Some(first) = text.chars().next() {
            text = first.to_uppercase().chain(text.chars().skip(1)).collect();
        }
        text.push_str([".", "!", "?", "", ".\"", ":"][end]);
        text
    })
}

fn article() -> impl Strategy<Value = String> {
    let part = prop_oneof![2 => piece(), 1 => sentence()];
    proptest::collection::vec(part, 0..120).prop_map(|pieces| {
        // Mostly spaced like prose; sometimes glued, which is where tokenizers slip.
        let mut text = String::new();
        for (i, p) in pieces.iter().enumerate() {
            if i % 7 != 3 && !text.is_empty() {
                text.push(' ');
            }
            text.push_str(p);
        }
        text
    })
}

/// Runs the extractor and checks every offset and span it reports.
fn check(body: ArticleBody) -> Result<(), TestCaseError> {
    let input = ArticleInput { url: None, title: None, published_at: None, source: None, body };
    let extraction = geoevents_extract::extract(&input);
    let text = &extraction.article.text;
    let chars: Vec<char> = text.chars().collect();
    for event in &extraction.events {
        for evidence in &event.evidence {
            prop_assert!(evidence.start <= evidence.end && evidence.end <= chars.len(), "{evidence:?}");
            let slice: String = chars[evidence.start..evidence.end].iter().collect();
            prop_assert_eq!(&slice, &evidence.sentence);
        }
        prop_assert!(!event.summary.is_empty() || event.evidence.is_empty());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_text_never_panics_and_its_offsets_land_in_the_text(text in article()) {
        check(ArticleBody::Text(text))?;
    }

    #[test]
    fn generated_html_never_panics_and_its_offsets_land_in_the_text(text in article()) {
        let html = format!("<html><head><title>T</title></head><body><article><p>{text}</p></article></body></html>");
        check(ArticleBody::Html(html))?;
    }
}

/// The sentence that once stepped below the first token in the modality judge (a bare verb
/// after "and" looked back for "to" at index -1), inside a text of our own.
#[test]
fn a_sentence_opening_with_a_bare_verb_pair_is_extracted_without_panicking() {
    let text = "The minister spoke at the ceremony in Kyiv on Tuesday.\n\n\
                Thank you for the award and welcome to Ukraine!\n\n\
                She said the two governments would meet again in June.";
    let input = ArticleInput {
        url: None,
        title: None,
        published_at: None,
        source: None,
        body: ArticleBody::Text(text.to_owned()),
    };
    let extraction = geoevents_extract::extract(&input);
    assert!(extraction.article.text.contains("welcome to Ukraine"));
}
