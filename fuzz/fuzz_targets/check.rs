//! What every fuzz target asserts about an extraction: it finished (no panic, which
//! libFuzzer reports as a crash), and every evidence span lies inside the normalised text
//! and is the sentence it claims to be.

use geoevents_domain::{ArticleBody, ArticleInput};

#[allow(dead_code)] // not every target uses both
pub fn extract_and_check(body: ArticleBody) {
    let input = ArticleInput { url: None, title: None, published_at: None, source: None, body };
    check(&input);
}

pub fn check(input: &ArticleInput) {
    let extraction = geoevents_extract::extract(input);
    let chars: Vec<char> = extraction.article.text.chars().collect();
    for event in &extraction.events {
        for evidence in &event.evidence {
            assert!(evidence.start <= evidence.end && evidence.end <= chars.len(), "{evidence:?}");
            let sentence: String = chars[evidence.start..evidence.end].iter().collect();
            assert_eq!(sentence, evidence.sentence);
        }
    }
}
