//! An HTML page of any bytes.
#![no_main]

use geoevents_domain::ArticleBody;
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    check::extract_and_check(ArticleBody::Html(String::from_utf8_lossy(data).into_owned()));
});
