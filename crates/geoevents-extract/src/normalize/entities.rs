//! HTML character references: `&amp;`, `&eacute;`, `&#8217;`, `&#x2019;`, and the
//! Windows-1252 code points that old CMSs still emit as `&#150;`-style numbers.
//!
//! The table holds the HTML 4 entities plus the handful of HTML5 names that news pages
//! actually use. The full WHATWG list has 2,231 names, almost all mathematical; an unknown
//! name is kept as written, which costs a stray `&foo;` in rare pages instead of a large
//! table in every build.

/// Latin-1 names for U+00A0..=U+00FF, in code-point order.
const LATIN1: [&str; 96] = [
    "nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf", "laquo",
    "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para", "middot",
    "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc",
    "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute",
    "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times", "Oslash",
    "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave", "aacute", "acirc", "atilde",
    "auml", "aring", "aelig", "ccedil", "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc",
    "iuml", "eth", "ntilde", "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave",
    "uacute", "ucirc", "uuml", "yacute", "thorn", "yuml",
];

/// Greek capitals from U+0391 (U+03A2 is unassigned, hence the gap).
const GREEK_UPPER: [&str; 25] = [
    "Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Eta", "Theta", "Iota", "Kappa", "Lambda", "Mu",
    "Nu", "Xi", "Omicron", "Pi", "Rho", "", "Sigma", "Tau", "Upsilon", "Phi", "Chi", "Psi", "Omega",
];

/// Greek small letters from U+03B1, final sigma included.
const GREEK_LOWER: [&str; 25] = [
    "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa", "lambda", "mu",
    "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
];

/// Everything else: punctuation, symbols, arrows and the HTML5 names seen in news markup.
const OTHER: &[(&str, char)] = &[
    ("quot", '"'),
    ("amp", '&'),
    ("apos", '\''),
    ("lt", '<'),
    ("gt", '>'),
    ("OElig", 'Œ'),
    ("oelig", 'œ'),
    ("Scaron", 'Š'),
    ("scaron", 'š'),
    ("Yuml", 'Ÿ'),
    ("fnof", 'ƒ'),
    ("circ", 'ˆ'),
    ("tilde", '˜'),
    ("thetasym", 'ϑ'),
    ("upsih", 'ϒ'),
    ("piv", 'ϖ'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("bull", '•'),
    ("hellip", '…'),
    ("permil", '‰'),
    ("prime", '′'),
    ("Prime", '″'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("oline", '‾'),
    ("frasl", '⁄'),
    ("euro", '€'),
    ("image", 'ℑ'),
    ("weierp", '℘'),
    ("real", 'ℜ'),
    ("trade", '™'),
    ("alefsym", 'ℵ'),
    ("larr", '←'),
    ("uarr", '↑'),
    ("rarr", '→'),
    ("darr", '↓'),
    ("harr", '↔'),
    ("crarr", '↵'),
    ("lArr", '⇐'),
    ("uArr", '⇑'),
    ("rArr", '⇒'),
    ("dArr", '⇓'),
    ("hArr", '⇔'),
    ("forall", '∀'),
    ("part", '∂'),
    ("exist", '∃'),
    ("empty", '∅'),
    ("nabla", '∇'),
    ("isin", '∈'),
    ("notin", '∉'),
    ("ni", '∋'),
    ("prod", '∏'),
    ("sum", '∑'),
    ("minus", '−'),
    ("lowast", '∗'),
    ("radic", '√'),
    ("prop", '∝'),
    ("infin", '∞'),
    ("ang", '∠'),
    ("and", '∧'),
    ("or", '∨'),
    ("cap", '∩'),
    ("cup", '∪'),
    ("int", '∫'),
    ("there4", '∴'),
    ("sim", '∼'),
    ("cong", '≅'),
    ("asymp", '≈'),
    ("ne", '≠'),
    ("equiv", '≡'),
    ("le", '≤'),
    ("ge", '≥'),
    ("sub", '⊂'),
    ("sup", '⊃'),
    ("nsub", '⊄'),
    ("sube", '⊆'),
    ("supe", '⊇'),
    ("oplus", '⊕'),
    ("otimes", '⊗'),
    ("perp", '⊥'),
    ("sdot", '⋅'),
    ("lceil", '⌈'),
    ("rceil", '⌉'),
    ("lfloor", '⌊'),
    ("rfloor", '⌋'),
    ("lang", '⟨'),
    ("rang", '⟩'),
    ("loz", '◊'),
    ("spades", '♠'),
    ("clubs", '♣'),
    ("hearts", '♥'),
    ("diams", '♦'),
    ("NewLine", '\n'),
    ("Tab", '\t'),
    ("nbspace", '\u{A0}'),
    ("colon", ':'),
    ("comma", ','),
    ("period", '.'),
    ("excl", '!'),
    ("quest", '?'),
    ("num", '#'),
    ("dollar", '$'),
    ("percnt", '%'),
    ("lpar", '('),
    ("rpar", ')'),
    ("ast", '*'),
    ("plus", '+'),
    ("sol", '/'),
    ("semi", ';'),
    ("equals", '='),
    ("commat", '@'),
    ("lsqb", '['),
    ("rsqb", ']'),
    ("bsol", '\\'),
    ("lowbar", '_'),
    ("grave", '`'),
    ("lcub", '{'),
    ("rcub", '}'),
    ("verbar", '|'),
    ("vert", '|'),
    ("hyphen", '‐'),
    ("dash", '‐'),
    ("horbar", '―'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("check", '✓'),
    ("star", '☆'),
    ("starf", '★'),
    ("phone", '☎'),
    ("female", '♀'),
    ("male", '♂'),
    ("flat", '♭'),
    ("sharp", '♯'),
    ("half", '½'),
    ("centerdot", '·'),
    ("nldr", '‥'),
    ("mldr", '…'),
];

/// The character a named reference stands for (case-sensitive, without `&` and `;`).
pub fn named(name: &str) -> Option<char> {
    if let Some(i) = LATIN1.iter().position(|n| *n == name) {
        return char::from_u32(0xA0 + i as u32);
    }
    if let Some(i) = GREEK_UPPER.iter().position(|n| !n.is_empty() && *n == name) {
        return char::from_u32(0x391 + i as u32);
    }
    if let Some(i) = GREEK_LOWER.iter().position(|n| *n == name) {
        return char::from_u32(0x3B1 + i as u32);
    }
    OTHER.iter().find(|(n, _)| *n == name).map(|(_, c)| *c)
}

/// The character a numeric reference stands for, as browsers read it: C1 control codes
/// are taken as Windows-1252 (so `&#146;` is a right quote), and NUL, surrogates and
/// out-of-range numbers become U+FFFD.
pub fn numeric(code: u32) -> char {
    const CP1252: [u32; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    let code = match code {
        0x80..=0x9F => CP1252[(code - 0x80) as usize],
        0 => 0xFFFD,
        _ => code,
    };
    char::from_u32(code).unwrap_or('\u{FFFD}')
}

/// Names that browsers also accept without the closing semicolon in running text.
const LEGACY_NO_SEMICOLON: [&str; 7] = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"];

/// Appends `raw` to `out` with character references decoded. Anything that is not a
/// well-formed reference is copied as written, so invalid input never loses text.
pub fn decode_into(raw: &str, out: &mut String) {
    let bytes = raw.as_bytes();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = memchr::memchr(b'&', &bytes[search..]) {
        let amp = search + found;
        search = amp + 1;
        let Some((ch, len)) = reference_at(&raw[amp + 1..]) else { continue };
        out.push_str(&raw[copied..amp]);
        out.push(ch);
        copied = amp + 1 + len;
        search = copied;
    }
    out.push_str(&raw[copied..]);
}

/// Decodes `raw` into a new string (see [`decode_into`]).
#[cfg(test)]
fn decode(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    decode_into(raw, &mut out);
    out
}

/// Reads one reference after an `&`: the character and how many bytes it used.
fn reference_at(rest: &str) -> Option<(char, usize)> {
    let bytes = rest.as_bytes();
    if bytes.first() == Some(&b'#') {
        let (radix, start) = match bytes.get(1) {
            Some(b'x' | b'X') => (16, 2),
            _ => (10, 1),
        };
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_hexdigit() && (radix == 16 || b.is_ascii_digit()))
            .count();
        if digits == 0 {
            return None;
        }
        let end = start + digits;
        // Overlong numbers are still one (invalid) reference; cap the parse, not the match.
        let code = if digits > 8 { u32::MAX } else { u32::from_str_radix(&rest[start..end], radix).ok()? };
        let used = if bytes.get(end) == Some(&b';') { end + 1 } else { end };
        let ch = if code > 0x10FFFF { '\u{FFFD}' } else { numeric(code) };
        return Some((ch, used));
    }
    let name_len = bytes.iter().take(32).take_while(|b| b.is_ascii_alphanumeric()).count();
    if name_len == 0 {
        return None;
    }
    let name = &rest[..name_len];
    if bytes.get(name_len) == Some(&b';') {
        return named(name).map(|c| (c, name_len + 1));
    }
    LEGACY_NO_SEMICOLON.contains(&name).then(|| named(name).map(|c| (c, name_len))).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_decode_as_browsers_read_them() {
        let cases = [
            ("Fish &amp; chips", "Fish & chips"),
            ("caf&eacute; na&iuml;ve", "café naïve"),
            ("it&#8217;s &#x201C;ok&#x201d;", "it’s “ok”"),
            ("old CMS &#146;quote&#146; &#150; dash", "old CMS ’quote’ – dash"),
            ("&Omega;&omega;&sigmaf;", "Ωως"),
            ("a &nbsp b", "a \u{a0} b"),
            ("&hellip;&mdash;&euro;", "…—€"),
        ];
        for (raw, want) in cases {
            assert_eq!(decode(raw), want, "{raw}");
        }
    }

    #[test]
    fn invalid_references_are_kept_or_replaced_without_loss() {
        let cases = [
            ("AT&T", "AT&T"),
            ("&unknown; & &; &#; &#x;", "&unknown; & &; &#; &#x;"),
            ("&#0;&#xD800;&#99999999999;", "\u{FFFD}\u{FFFD}\u{FFFD}"),
            ("tail &", "tail &"),
            ("&#1234567;", "\u{FFFD}"),
            ("ÄÖ &auml;", "ÄÖ ä"),
        ];
        for (raw, want) in cases {
            assert_eq!(decode(raw), want, "{raw}");
        }
    }
}
