//! The syntax layer on any text: sentences of words whose spans are exact and in order,
//! heads inside the sentence, and exactly one root per sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(sentences) = geoevents_syntax::parse(&text) else { return };
    let mut last = 0;
    for sentence in &sentences {
        assert_eq!(sentence.tokens.iter().filter(|t| t.head == 0).count(), 1);
        for (i, t) in sentence.tokens.iter().enumerate() {
            assert_eq!(&text[t.start..t.end], t.form);
            assert!(t.start >= last && t.head <= sentence.tokens.len() && t.head != i + 1);
            last = t.end;
        }
    }
});
