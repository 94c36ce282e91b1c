//! Plain text of any bytes (lossily decoded, as the service decodes Latin-1 and friends).
#![no_main]

use geoevents_domain::ArticleBody;
use libfuzzer_sys::fuzz_target;

mod check;

fuzz_target!(|data: &[u8]| {
    check::extract_and_check(ArticleBody::Text(String::from_utf8_lossy(data).into_owned()));
});
