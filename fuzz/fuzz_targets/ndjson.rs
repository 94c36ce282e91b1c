//! An NDJSON request body: cut into chunks at places the first byte chooses, split into
//! lines (which must not depend on the cuts), each line read and validated as an article,
//! and each valid article extracted.
#![no_main]

use geoevents_api::ndjson::{Line, lines, read_article_line};
use libfuzzer_sys::fuzz_target;

mod check;

const LIMIT: usize = 4096;

fuzz_target!(|data: &[u8]| {
    let Some((&step, body)) = data.split_first() else { return };
    let step = usize::from(step % 64) + 1;
    let chunks: Vec<&[u8]> = body.chunks(step).collect();
    let cut = lines(&chunks, LIMIT);
    assert_eq!(cut, lines(&[body], LIMIT), "lines depend on how the body was cut");
    for (i, line) in cut.iter().enumerate() {
        match line {
            Line::Complete { number, bytes } => {
                assert!(*number as usize > i);
                assert!(bytes.len() <= LIMIT);
                if let Ok(Some(input)) = read_article_line(bytes) {
                    check::check(&input);
                }
            }
            Line::TooLong { number } => assert!(*number as usize > i),
        }
    }
});
