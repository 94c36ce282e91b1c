//! Spelling variants of gazetteer names: the forms a name takes in news text that the
//! data files do not list one by one (no diacritics, curly apostrophes, Korean given
//! names with or without a hyphen, plural demonyms).

/// `text` with Latin diacritics removed ("Erdoğan" -> "Erdogan", "Élysée" -> "Elysee"),
/// or `None` when it has none. Covers the Latin-1 and Latin Extended-A letters that
/// occur in names of people and places; other characters are kept as they are.
pub(crate) fn fold_diacritics(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for c in text.chars() {
        match fold_char(c) {
            Some(plain) => {
                out.push_str(plain);
                changed = true;
            }
            None => out.push(c),
        }
    }
    changed.then_some(out)
}

fn fold_char(c: char) -> Option<&'static str> {
    let plain = match c {
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' | 'Ð' => "D",
        'ď' | 'đ' | 'ð' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' | 'ə' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' | 'Ḩ' => "H",
        'ĥ' | 'ħ' | 'ḩ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Þ' => "Th",
        'þ' => "th",
        'ʻ' | 'ʿ' | 'ʾ' | 'ʼ' | '‘' | '`' => "'",
        _ => return None,
    };
    Some(plain)
}

/// The apostrophe twin of `text`: straight quotes become curly (U+2019) and curly
/// become straight, so "Côte d'Ivoire" also matches "Côte d’Ivoire". `None` when the
/// name has no apostrophe.
pub(crate) fn apostrophe_twin(text: &str) -> Option<String> {
    if text.contains('\'') {
        Some(text.replace('\'', "\u{2019}"))
    } else if text.contains('\u{2019}') {
        Some(text.replace('\u{2019}', "'"))
    } else {
        None
    }
}

/// Extra spellings of a person's name written Korean-style with a hyphenated given name
/// ("Kim Jong-un"): "Kim Jong Un" and "Kim Jong-Un", the three forms news uses.
pub(crate) fn hyphen_variants(name: &str) -> Vec<String> {
    let bytes = name.as_bytes();
    let korean_style =
        bytes.windows(3).any(|w| w[0].is_ascii_lowercase() && w[1] == b'-' && w[2].is_ascii_lowercase());
    if !korean_style {
        return Vec::new();
    }
    let mut capitalised = String::with_capacity(name.len());
    let mut spaced = String::with_capacity(name.len());
    let mut after_hyphen = false;
    for c in name.chars() {
        if after_hyphen && c.is_ascii_lowercase() {
            let upper = c.to_ascii_uppercase();
            capitalised.push(upper);
            spaced.push(upper);
        } else if c == '-' {
            capitalised.push('-');
            spaced.push(' ');
        } else {
            capitalised.push(c);
            spaced.push(c);
        }
        after_hyphen = c == '-';
    }
    vec![spaced, capitalised]
}

/// The plural of a demonym used as a noun ("Israelis", "Afghans", "Icelanders"), or
/// `None` for demonyms that take no "s" ("Chinese", "British", "Swiss", "Dutch").
pub(crate) fn demonym_plural(demonym: &str) -> Option<String> {
    let last_word = demonym.rsplit(' ').next().unwrap_or(demonym);
    if last_word.ends_with("ese") || last_word.ends_with("ish") || last_word.ends_with("ch") {
        return None;
    }
    match last_word.chars().last() {
        Some('n' | 'i' | 'o' | 'a' | 'k' | 'r') => Some(format!("{demonym}s")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritics_fold_to_plain_latin() {
        let cases = [
            ("Erdoğan", Some("Erdogan")),
            ("Élysée", Some("Elysee")),
            ("Türkiye", Some("Turkiye")),
            ("Côte d'Ivoire", Some("Cote d'Ivoire")),
            ("Khān Yūnis", Some("Khan Yunis")),
            ("Öcalan", Some("Ocalan")),
            ("Moscow", None),
            ("東京", None),
        ];
        for (input, expected) in cases {
            assert_eq!(fold_diacritics(input).as_deref(), expected, "{input}");
        }
    }

    #[test]
    fn apostrophes_get_a_curly_or_straight_twin() {
        assert_eq!(apostrophe_twin("Côte d'Ivoire").as_deref(), Some("Côte d\u{2019}Ivoire"));
        assert_eq!(apostrophe_twin("Sa\u{2019}ar").as_deref(), Some("Sa'ar"));
        assert_eq!(apostrophe_twin("Putin"), None);
    }

    #[test]
    fn korean_given_names_get_spaced_and_capitalised_forms() {
        assert_eq!(hyphen_variants("Kim Jong-un"), vec!["Kim Jong Un".to_owned(), "Kim Jong-Un".to_owned()]);
        assert_eq!(
            hyphen_variants("Yoon Suk-yeol"),
            vec!["Yoon Suk Yeol".to_owned(), "Yoon Suk-Yeol".to_owned()]
        );
        assert!(hyphen_variants("Ben-Gvir").is_empty());
        assert!(hyphen_variants("Putin").is_empty());
    }

    #[test]
    fn demonyms_take_plural_s_only_where_english_does() {
        let cases = [
            ("Israeli", Some("Israelis")),
            ("North Korean", Some("North Koreans")),
            ("Afghan", Some("Afghans")),
            ("Icelander", Some("Icelanders")),
            ("Chinese", None),
            ("British", None),
            ("Dutch", None),
            ("Swiss", None),
        ];
        for (input, expected) in cases {
            assert_eq!(demonym_plural(input).as_deref(), expected, "{input}");
        }
    }
}
