//! A cheap language guess for the main text: the script for non-Latin writing, frequent
//! function words for Latin-script languages. It only has to tell the event engine,
//! which reads English, when a text is something else; `None` means unsure.

use std::collections::HashMap;
use std::sync::LazyLock;

/// Function words frequent in running text and rare in the other listed languages.
const STOPWORDS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "is", "that", "for", "with", "was", "on", "said", "has", "have",
            "by", "from", "it", "are", "he", "his",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "des", "et", "est", "une", "du", "dans", "qui", "pour", "pas", "sur", "au",
            "avec", "sont", "ont", "été", "aux", "cette",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "und", "das", "ist", "nicht", "mit", "den", "ein", "eine", "sich", "auf", "dem",
            "auch", "wird", "von", "zu", "im", "des", "wurde",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "que", "y", "en", "una", "por", "con", "para", "es", "se", "su", "al",
            "como", "más", "fue", "pero", "sus",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "as", "do", "da", "dos", "das", "que", "em", "uma", "para", "com", "não", "no", "na",
            "foi", "ao", "pelo", "pela", "são",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "gli", "della", "del", "è", "per", "una", "non", "sono", "nel", "alla", "con",
            "anche", "dei", "delle", "ha", "lo", "più",
        ],
    ),
];

/// Guesses the ISO 639-1 code of a text, or `None` when unsure.
pub fn detect(text: &str) -> Option<&'static str> {
    // A sample keeps the cost flat for long texts; 20,000 characters is plenty.
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let mut latin = 0usize;
    let mut cyrillic = 0usize;
    let mut ukrainian = 0usize;
    let mut arabic = 0usize;
    let mut persian = 0usize;
    let mut hangul = 0usize;
    let mut kana = 0usize;
    let mut han = 0usize;
    let mut other = 0usize;
    for c in sample.chars() {
        if !c.is_alphabetic() {
            continue;
        }
        match c as u32 {
            0x0041..=0x024F => latin += 1,
            0x0400..=0x04FF => {
                cyrillic += 1;
                if matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ') {
                    ukrainian += 1;
                }
            }
            0x0600..=0x06FF | 0x0750..=0x077F => {
                arabic += 1;
                if matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی' | 'ک') {
                    persian += 1;
                }
            }
            0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => hangul += 1,
            0x3040..=0x30FF => kana += 1,
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => han += 1,
            _ => other += 1,
        }
    }
    let letters = latin + cyrillic + arabic + hangul + kana + han + other;
    if letters < 20 {
        return None;
    }
    let share = |n: usize| n as f64 / letters as f64;
    if share(hangul) > 0.4 {
        return Some("ko");
    }
    if share(kana) > 0.1 {
        return Some("ja");
    }
    if share(han) > 0.4 {
        return Some("zh");
    }
    if share(cyrillic) > 0.5 {
        // Ukrainian letters are common (about 1 in 20); Russian text has none.
        return Some(if ukrainian * 100 > cyrillic { "uk" } else { "ru" });
    }
    if share(arabic) > 0.5 {
        // Persian letters are common in Persian and Urdu and absent from Arabic.
        return if persian * 50 > arabic { None } else { Some("ar") };
    }
    if share(latin) < 0.6 {
        return None;
    }
    latin_language(sample)
}

/// Each function word with the languages (bit `i` = `STOPWORDS[i]`) it belongs to.
/// Bytes in the longest function word of [`STOPWORDS`]; a test keeps it true.
const MAX_STOPWORD_BYTES: usize = 6;

/// Every function word with the languages it belongs to (bit mask over [`STOPWORDS`]),
/// sorted for binary search: a hundred short keys, where hashing costs more than comparing.
static STOPWORD_LANGUAGES: LazyLock<Vec<(&'static str, u8)>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, u8> = HashMap::new();
    for (i, (_, list)) in STOPWORDS.iter().enumerate() {
        for word in list.iter() {
            *map.entry(word).or_insert(0) |= 1 << i;
        }
    }
    let mut sorted: Vec<(&'static str, u8)> = map.into_iter().collect();
    sorted.sort_unstable();
    sorted
});

/// The language mask of a lower-case word, if it is a function word.
fn lookup(lower: &str) -> Option<u8> {
    let table = &*STOPWORD_LANGUAGES;
    table.binary_search_by(|(w, _)| (*w).cmp(lower)).ok().map(|i| table[i].1)
}

/// The languages (bit mask over [`STOPWORDS`]) `word` is a function word of. ASCII words
/// are lower-cased on the stack; others in `buffer`.
fn stopword_mask(word: &str, buffer: &mut String) -> Option<u8> {
    if word.is_ascii() && word.len() <= MAX_STOPWORD_BYTES {
        let mut bytes = [0u8; MAX_STOPWORD_BYTES];
        for (slot, b) in bytes.iter_mut().zip(word.bytes()) {
            *slot = b.to_ascii_lowercase();
        }
        let lower = std::str::from_utf8(&bytes[..word.len()]).ok()?;
        return lookup(lower);
    }
    buffer.clear();
    buffer.extend(word.chars().flat_map(char::to_lowercase));
    lookup(buffer)
}

/// Picks the Latin-script language whose function words cover the most words, if clearly.
fn latin_language(sample: &str) -> Option<&'static str> {
    let mut hits = [0usize; STOPWORDS.len()];
    let mut words = 0usize;
    let mut lower = String::new();
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(2000) {
        words += 1;
        // No function word is longer than this: skip the lookup for longer ASCII words.
        if word.is_ascii() && word.len() > MAX_STOPWORD_BYTES {
            continue;
        }
        if let Some(mask) = stopword_mask(word, &mut lower) {
            for (i, hit) in hits.iter_mut().enumerate() {
                *hit += usize::from(mask & (1 << i) != 0);
            }
        }
    }
    if words < 5 {
        return None;
    }
    let mut scores: Vec<(&str, usize)> =
        STOPWORDS.iter().zip(hits).map(|((lang, _), h)| (*lang, h)).collect();
    scores.sort_by_key(|s| std::cmp::Reverse(s.1));
    let (best, best_hits) = scores[0];
    let second = scores.get(1).map_or(0, |s| s.1);
    // Function words make up a third or more of real prose; a tenth is a weak floor
    // that still rejects word lists and names, and the winner must clearly lead.
    if best_hits * 10 < words || best_hits < 3 || best_hits * 2 < second * 3 {
        return None;
    }
    Some(best)
}

/// Whether a text the detector could not name is still clearly not English: mostly
/// letters outside the Latin script (Thai, Hindi, Hebrew, Greek, ...), or a long Latin-
/// script text with almost no English function words (Latvian, Indonesian, Dutch, ...).
pub fn clearly_not_english(text: &str) -> bool {
    let mut end = text.len().min(20_000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    let (mut latin, mut other) = (0usize, 0usize);
    for c in sample.chars().filter(|c| c.is_alphabetic()) {
        if (c as u32) <= 0x024F {
            latin += 1;
        } else {
            other += 1;
        }
    }
    if other > 20 && other > latin {
        return true;
    }
    let mut words = 0usize;
    let mut hits = 0usize;
    let mut lower = String::new();
    for word in sample.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).take(2000) {
        words += 1;
        if word.is_ascii() && word.len() > MAX_STOPWORD_BYTES {
            continue;
        }
        // Bit 0 is English in STOPWORDS.
        hits += usize::from(stopword_mask(word, &mut lower).is_some_and(|m| m & 1 != 0));
    }
    words >= 50 && hits * 25 < words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_function_word_is_longer_than_the_lookup_bound() {
        for (_, words) in STOPWORDS {
            assert!(words.iter().all(|w| w.len() <= MAX_STOPWORD_BYTES), "{words:?}");
        }
    }

    #[test]
    fn languages_are_recognised_in_short_news_sentences() {
        let cases = [
            (
                "South Korea said on Friday that it was reviewing the report of troops sent to Russia by the North.",
                Some("en"),
            ),
            (
                "La Corée du Sud a exprimé sa vive inquiétude après la ratification du traité par la Russie et le Nord.",
                Some("fr"),
            ),
            (
                "Südkorea ist besorgt über die Entsendung von Truppen, die nach Russland geschickt wurden, und die Folgen.",
                Some("de"),
            ),
            (
                "Corea del Sur expresó su preocupación por el envío de tropas a Rusia y por las consecuencias para la región.",
                Some("es"),
            ),
            (
                "A Coreia do Sul expressou preocupação com o envio de tropas para a Rússia e não descarta uma resposta.",
                Some("pt"),
            ),
            (
                "La Corea del Sud ha espresso preoccupazione per l'invio di truppe in Russia e per la sicurezza della regione.",
                Some("it"),
            ),
            (
                "Южная Корея выразила серьёзную обеспокоенность после ратификации договора Россией.",
                Some("ru"),
            ),
            ("Південна Корея висловила серйозне занепокоєння після ратифікації договору Росією.", Some("uk")),
            (
                "أعربت كوريا الجنوبية عن قلقها البالغ بعد مصادقة روسيا على معاهدة دفاعية مع كوريا الشمالية.",
                Some("ar"),
            ),
            ("韩国对俄罗斯批准与朝鲜的防务条约表示严重关切，并敦促莫斯科停止合作。", Some("zh")),
            ("韓国はロシアが北朝鮮との防衛条約を批准したことに重大な懸念を表明した。", Some("ja")),
            ("한국 정부는 러시아가 북한과의 방위 조약을 비준한 데 대해 깊은 우려를 표명했다.", Some("ko")),
            ("Seoul Moscow Pyongyang Kyiv", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn unnamed_languages_are_still_told_from_english() {
        let thai = "ผลการตรวจ DNA โดยใช้เนื้อเยื่อของศพที่ถูกสังหารด้วยการมัดแขน รัดคอ ทุบจนใบหน้าเละ";
        let latvian = "Valdība otrdien apstiprināja jaunu likumprojektu par aizsardzības budžeta palielināšanu nākamajā gadā. ".repeat(8);
        let english = "The government approved a new bill on Tuesday to raise the defence budget next year, officials said. ".repeat(8);
        assert!(clearly_not_english(thai));
        assert!(clearly_not_english(&latvian));
        assert!(!clearly_not_english(&english));
        assert!(!clearly_not_english("Seoul Moscow Pyongyang"));
    }
}
