//! URL canonicalisation, so that one article reached through different links (tracking
//! parameters, fragments, default ports, host case) has one key.
//!
//! Rules: the scheme and host are lower-cased; userinfo, default ports (`:80` for http,
//! `:443` for https) and the fragment are dropped; query parameters used only for
//! tracking (`utm_*`, `fbclid`, `gclid`, ...) are removed and the others kept in their
//! order; an empty path becomes `/`. A trailing `/` is kept on every other path, because
//! servers may treat `/a` and `/a/` as different resources and a canonical key must not
//! merge two pages. Only `http` and `https` URLs are accepted; anything else, and anything
//! that does not parse, gives `None`. Relative URLs (as in `<link rel=canonical>`) are
//! resolved against a base.

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

/// Canonicalises an absolute http(s) URL; `None` for anything else.
pub fn canonicalize(url: &str) -> Option<String> {
    let url = url.trim();
    if url.is_empty() || url.len() > 4096 || url.chars().any(|c| c.is_control() || c == ' ') {
        return None;
    }
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let (host, port) = split_port(host_port)?;
    let host = host.to_ascii_lowercase();
    let host = host.strip_suffix('.').unwrap_or(&host);
    let host_ok = !host.is_empty()
        && (host.starts_with('[')
            || host.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '_')))
        && !host.starts_with('.')
        && !host.contains("..");
    if !host_ok {
        return None;
    }
    let port = match (port, scheme.as_str()) {
        (Some(80), "http") | (Some(443), "https") | (None, _) => String::new(),
        (Some(p), _) => format!(":{p}"),
    };
    let tail = tail.split('#').next().unwrap_or("");
    let (path, query) = tail.split_once('?').unwrap_or((tail, ""));
    let path = if path.is_empty() { "/" } else { path };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter(|pair| !is_tracking(pair.split('=').next().unwrap_or("")))
        .collect();
    let mut out = format!("{scheme}://{host}{port}{path}");
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    Some(out)
}

/// Splits `host:port`; `None` when the port is not a number.
fn split_port(host_port: &str) -> Option<(&str, Option<u16>)> {
    // IPv6 literals carry colons inside brackets.
    let colon = match host_port.rfind(']') {
        Some(bracket) => host_port[bracket..].find(':').map(|i| bracket + i),
        None => host_port.rfind(':'),
    };
    match colon {
        Some(i) => {
            let port = &host_port[i + 1..];
            if port.is_empty() {
                return Some((&host_port[..i], None));
            }
            Some((&host_port[..i], Some(port.parse().ok()?)))
        }
        None => Some((host_port, None)),
    }
}

/// Resolves a possibly relative reference against an absolute base, then canonicalises.
pub fn resolve(reference: &str, base: Option<&str>) -> Option<String> {
    let reference = reference.trim();
    if reference.contains("://") {
        return canonicalize(reference);
    }
    let base = canonicalize(base?)?;
    let (scheme, rest) = base.split_once("://")?;
    let authority = rest.split('/').next().unwrap_or(rest);
    if let Some(net) = reference.strip_prefix("//") {
        return canonicalize(&format!("{scheme}://{net}"));
    }
    if reference.starts_with('/') {
        return canonicalize(&format!("{scheme}://{authority}{reference}"));
    }
    if reference.is_empty() || reference.starts_with(['#', '?']) {
        return None;
    }
    // Relative to the base's directory; dot segments are left alone (rare in canonical links).
    let path = rest[authority.len()..].split('?').next().unwrap_or("/");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    canonicalize(&format!("{scheme}://{authority}{dir}{reference}"))
}

/// The host of an absolute URL, lower-cased, without a leading `www.`.
pub fn host(url: &str) -> Option<String> {
    let canonical = canonicalize(url)?;
    let rest = canonical.split_once("://")?.1;
    let host = rest.split(['/', ':', '?']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host).to_owned())
}

/// The registrable part of a URL's host, roughly: the last two labels, or three under a
/// country code's second level (`bbc.co.uk`, `abc.net.au`). Without a public-suffix list
/// this is a heuristic, good enough to tell `amp.example.com` and `www.example.com` apart
/// from another publisher.
pub fn site(url: &str) -> Option<String> {
    let host = host(url)?;
    let labels: Vec<&str> = host.split('.').collect();
    let keep = match labels.as_slice() {
        [.., sld, tld]
            if tld.len() == 2
                && matches!(
                    *sld,
                    "co" | "com" | "org" | "net" | "gov" | "ac" | "edu" | "or" | "ne" | "go"
                ) =>
        {
            3
        }
        _ => 2,
    };
    Some(labels[labels.len().saturating_sub(keep)..].join("."))
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
            ("ftp://example.com/file", None),
            ("not a url", None),
            ("https://", None),
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
            ("https://canonical.example.net/x", Some("https://canonical.example.net/x")),
            ("#top", None),
        ];
        for (reference, want) in cases {
            assert_eq!(resolve(reference, base).as_deref(), want, "{reference}");
        }
        assert_eq!(resolve("/a", None), None);
    }

    #[test]
    fn sites_group_subdomains_of_one_publisher() {
        let cases = [
            ("https://amp.example.com/a", Some("example.com")),
            ("https://www.bbc.co.uk/news/x", Some("bbc.co.uk")),
            ("https://news.abc.net.au/x", Some("abc.net.au")),
            ("https://localhost/x", Some("localhost")),
            ("nonsense", None),
        ];
        for (url, want) in cases {
            assert_eq!(site(url).as_deref(), want, "{url}");
        }
    }
}
