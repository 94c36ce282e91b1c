//! Article URLs, parsed and normalised in one place (with the `url` crate's WHATWG parser):
//! what the API accepts, the canonical form that keys an article, relative links resolved
//! against a page, and the outlet a URL belongs to.
//!
//! Canonical form: scheme and host lower-cased (international hosts in their ASCII form),
//! a trailing dot on the host, userinfo, default ports (`:80`, `:443`) and the fragment
//! dropped; query parameters used only for tracking (`utm_*`, `fbclid`, `gclid`, ...)
//! removed and the others kept in their order; an empty path becomes `/`; dot segments are
//! resolved and characters a URL may not carry are percent-encoded, as browsers do. A
//! trailing `/` is kept on every other path, because servers may treat `/a` and `/a/` as
//! different pages and a key must not merge two pages. Only `http` and `https` URLs with a
//! host are accepted.

use url::{Host, Url};

/// Longest URL accepted, in bytes.
pub const MAX_URL_LEN: usize = 4096;

/// Query parameters that identify a campaign or a click, not a page. Matched without
/// case; names ending in `*` are prefixes.
const TRACKING: &[&str] = &[
    "utm_*",
    "fbclid",
    "gclid",
    "gclsrc",
    "dclid",
    "msclkid",
    "yclid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
    "ocid",
    "cmpid",
    "cmp",
    "icid",
    "intcmp",
    "xtor",
    "ito",
    "smid",
    "smtyp",
    "_ga",
    "_gl",
    "_hsenc",
    "_hsmi",
    "hsctatracking",
    "mkt_tok",
    "ns_mchannel",
    "ns_source",
    "ns_campaign",
    "ns_linkname",
    "ns_fee",
    "wt.mc_id",
    "at_medium",
    "at_campaign",
    "at_custom*",
    "guccounter",
    "guce_referrer",
    "guce_referrer_sig",
    "fb_action_ids",
    "fb_action_types",
    "fb_ref",
    "fb_source",
    "action_object_map",
    "action_type_map",
    "action_ref_map",
    "ref_src",
    "ref_url",
    "s_kwcid",
    "ef_id",
    "sr_share",
    "spm",
    "vero_id",
    "oly_enc_id",
    "oly_anon_id",
    "rb_clickid",
    "trk",
    "share",
    "amp_js_v",
    "usqp",
    "outputtype",
];

fn is_tracking(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    TRACKING.iter().any(|t| match t.strip_suffix('*') {
        Some(prefix) => lower.starts_with(prefix),
        None => lower == *t,
    })
}

/// Parses an absolute http(s) URL with a host, saying what is wrong with anything else (in
/// words fit for a client's error message).
pub fn parse(url: &str) -> Result<Url, String> {
    if url.len() > MAX_URL_LEN {
        return Err(format!("longer than {MAX_URL_LEN} bytes"));
    }
    // The parser would silently drop tabs and newlines and trim spaces; a client's URL
    // that carries them is a mistake worth reporting.
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("the URL contains whitespace or control characters".to_owned());
    }
    let Some((scheme, rest)) = url.split_once("://") else {
        return Err("not an absolute URL (expected http:// or https://)".to_owned());
    };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(format!("scheme '{scheme}' is not supported (expected http or https)"));
    }
    // Browsers read `https:///x` as host `x`; a client that sent it forgot the host.
    if rest.starts_with(['/', '\\']) {
        return Err("the URL has no valid host".to_owned());
    }
    let parsed = Url::parse(url).map_err(|err| match err {
        url::ParseError::InvalidPort => "the URL's port is not a number from 0 to 65535".to_owned(),
        _ => "the URL has no valid host".to_owned(),
    })?;
    if parsed.host_str().is_none_or(|h| h.is_empty() || h == ".") {
        return Err("the URL has no valid host".to_owned());
    }
    Ok(parsed)
}

/// The canonical form of an absolute http(s) URL (see the module documentation); `None`
/// for anything [`parse`] refuses.
pub fn canonicalize(url: &str) -> Option<String> {
    let mut parsed = parse(url.trim()).ok()?;
    canonical(&mut parsed)
}

fn canonical(url: &mut Url) -> Option<String> {
    url.set_username("").ok()?;
    url.set_password(None).ok()?;
    url.set_fragment(None);
    if let Some(Host::Domain(domain)) = url.host()
        && let Some(bare) = domain.strip_suffix('.')
    {
        let bare = bare.to_owned();
        if bare.is_empty() {
            return None;
        }
        url.set_host(Some(&bare)).ok()?;
    }
    if let Some(query) = url.query() {
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| !is_tracking(pair.split('=').next().unwrap_or("")))
            .collect();
        let kept = (!kept.is_empty()).then(|| kept.join("&"));
        url.set_query(kept.as_deref());
    }
    Some(url.as_str().to_owned())
}

/// Resolves a possibly relative reference (as in `<link rel=canonical href=...>`) against
/// an absolute base, then canonicalises. A bare fragment or query names no other page.
pub fn resolve(reference: &str, base: Option<&str>) -> Option<String> {
    let reference = reference.trim();
    if reference.contains("://") {
        return canonicalize(reference);
    }
    if reference.is_empty() || reference.starts_with(['#', '?']) {
        return None;
    }
    let base = parse(base?.trim()).ok()?;
    let joined = base.join(reference).ok()?;
    canonicalize(joined.as_str())
}

/// The host of an absolute http(s) URL, lower-cased, without a leading `www.`.
pub fn host(url: &str) -> Option<String> {
    let mut parsed = parse(url.trim()).ok()?;
    canonical(&mut parsed)?;
    let host = parsed.host_str()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
}

/// The outlet a URL belongs to: its registrable domain by the public suffix list (compiled
/// in), so `edition.cnn.com` and `www.cnn.com` are one outlet, `cnn.com`, and
/// `news.bbc.co.uk` is `bbc.co.uk`. Hosts the list cannot place (IP addresses, single
/// labels such as `localhost`) are their own outlet. Any scheme with a host will do.
pub fn outlet(url: &str) -> Option<String> {
    let parsed = Url::parse(url.trim()).ok()?;
    let host = parsed.host_str()?.trim_end_matches('.').to_ascii_lowercase();
    if host.is_empty() {
        return None;
    }
    if !matches!(parsed.host(), Some(Host::Domain(_))) {
        return Some(host);
    }
    let registrable = psl::domain_str(&host).map(str::to_owned);
    Some(registrable.unwrap_or_else(|| host.strip_prefix("www.").unwrap_or(&host).to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_canonicalise_by_the_documented_rules() {
        let cases = [
            ("HTTPS://Example.COM", Some("https://example.com/")),
            ("https://example.com:443/a/b?x=1#frag", Some("https://example.com/a/b?x=1")),
            ("http://example.com:80/", Some("http://example.com/")),
            ("http://example.com:8080/a/", Some("http://example.com:8080/a/")),
            (
                "https://news.example.com/story?id=7&utm_source=tw&utm_medium=social&fbclid=abc",
                Some("https://news.example.com/story?id=7"),
            ),
            ("https://user:pw@example.com/p", Some("https://example.com/p")),
            ("https://example.com/p?gclid=1&ocid=x&cmpid=y", Some("https://example.com/p")),
            ("https://example.com./a/../b", Some("https://example.com/b")),
            ("https://bücher.example/ü", Some("https://xn--bcher-kva.example/%C3%BC")),
            ("ftp://example.com/file", None),
            ("not a url", None),
            ("https://", None),
            ("https:example.com", None),
            ("https://exa mple.com/", None),
            ("https://example.com:99999/", None),
            ("", None),
        ];
        for (url, want) in cases {
            assert_eq!(canonicalize(url).as_deref(), want, "{url}");
        }
    }

    #[test]
    fn links_differing_only_by_tracking_canonicalise_equal() {
        let a = canonicalize("https://www.example.com/world/seoul-alarm?utm_campaign=x&page=2");
        let b = canonicalize("https://WWW.example.com/world/seoul-alarm?page=2&fbclid=IwAR#comments");
        assert!(a.is_some());
        assert_eq!(a, b);
    }

    #[test]
    fn relative_references_resolve_against_the_base() {
        let base = Some("https://example.com/news/2024/story.html?ref=x");
        let cases = [
            ("/world/seoul", Some("https://example.com/world/seoul")),
            ("//cdn.example.org/a", Some("https://cdn.example.org/a")),
            ("other.html", Some("https://example.com/news/2024/other.html")),
            ("../2023/old.html", Some("https://example.com/news/2023/old.html")),
            ("https://canonical.example.net/x", Some("https://canonical.example.net/x")),
            ("#top", None),
        ];
        for (reference, want) in cases {
            assert_eq!(resolve(reference, base).as_deref(), want, "{reference}");
        }
        assert_eq!(resolve("/a", None), None);
    }

    #[test]
    fn clients_hear_what_is_wrong_with_a_url() {
        let cases = [
            ("ftp://x.org", "scheme 'ftp'"),
            ("not a url", "whitespace"),
            ("x.org/a", "not an absolute URL"),
            ("https:///nohost", "no valid host"),
            ("https://x.org:70000/", "port"),
        ];
        for (url, want) in cases {
            let err = parse(url).expect_err(url);
            assert!(err.contains(want), "{url}: {err}");
        }
        assert!(parse(&format!("https://x.org/{}", "a".repeat(MAX_URL_LEN))).is_err());
        assert!(parse("https://x.org/a?b=c").is_ok());
    }

    #[test]
    fn the_outlet_of_a_url_is_its_registrable_domain() {
        let cases = [
            ("https://www.koreatimes.co.kr/www/nation/2024/10/1.html", Some("koreatimes.co.kr")),
            ("http://User@News.Example.COM:8080/a?b#c", Some("example.com")),
            ("https://edition.cnn.com/2024/10/25/world/x", Some("cnn.com")),
            ("https://www.cnn.com/world", Some("cnn.com")),
            ("https://news.bbc.co.uk/1/hi/world.stm", Some("bbc.co.uk")),
            ("https://user.github.io/post", Some("user.github.io")),
            ("https://seoulwire.example/2024/10/18/nk-troops", Some("seoulwire.example")),
            ("http://127.0.0.1:8080/a", Some("127.0.0.1")),
            ("http://localhost/a", Some("localhost")),
            ("not a url", None),
            ("mailto:desk@wire.example", None),
        ];
        for (url, want) in cases {
            assert_eq!(outlet(url).as_deref(), want, "{url}");
        }
    }
}
