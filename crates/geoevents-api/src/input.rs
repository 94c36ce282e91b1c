//! Reading article submissions: content-type dispatch, body limits, UTF-8, and validation of
//! the fields into an `ArticleInput`. Every rejection names the field at fault.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, header};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use geoevents_domain::{ArticleBody, ArticleInput, links};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::PartialSchema;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{AdditionalProperties, Schema};

use crate::dto::ArticleRequest;
use crate::error::ApiError;

/// The body formats an ingest endpoint reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    /// One article as a JSON object.
    Json,
    /// One article per line.
    Ndjson,
    /// A plain-text article; metadata in the query string.
    Text,
    /// A raw HTML page; metadata in the query string.
    Html,
}

/// What the `Content-Type` header asks for, or 415.
pub fn body_kind(headers: &HeaderMap, allow_ndjson: bool) -> Result<(BodyKind, Option<String>), ApiError> {
    let supported = if allow_ndjson {
        "application/json, application/x-ndjson, text/plain or text/html"
    } else {
        "application/json, text/plain or text/html"
    };
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Err(ApiError::UnsupportedMediaType(format!(
            "a Content-Type header is required: {supported}"
        )));
    };
    let value = value.to_str().unwrap_or_default().to_ascii_lowercase();
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or_default().trim().to_owned();
    let charset = parts
        .filter_map(|p| p.trim().strip_prefix("charset=").map(|c| c.trim_matches('"').to_owned()))
        .next();
    let kind = match essence.as_str() {
        "application/json" => BodyKind::Json,
        "application/x-ndjson"
        | "application/jsonl"
        | "application/jsonlines"
        | "application/x-jsonlines"
            if allow_ndjson =>
        {
            BodyKind::Ndjson
        }
        "text/plain" => BodyKind::Text,
        "text/html" | "application/xhtml+xml" => BodyKind::Html,
        other => {
            return Err(ApiError::UnsupportedMediaType(format!(
                "Content-Type '{other}' is not supported here; send {supported}"
            )));
        }
    };
    Ok((kind, charset))
}

/// Reads a whole body, refusing more than `limit` bytes with 413 and a body that has not
/// arrived within `timeout` (a slow or stalled client) with 408.
pub async fn read_body(body: Body, limit: usize, timeout: std::time::Duration) -> Result<Bytes, ApiError> {
    let read = tokio::time::timeout(timeout, Limited::new(body, limit).collect()).await.map_err(|_| {
        ApiError::RequestTimeout(format!("the request body did not arrive within {} s", timeout.as_secs()))
    })?;
    match read {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(err) if err.downcast_ref::<LengthLimitError>().is_some() => {
            Err(ApiError::PayloadTooLarge { limit })
        }
        Err(_) => Err(ApiError::bad_field("body", "the request body could not be read")),
    }
}

/// Decodes a text or HTML body by its declared character encoding: the `charset` of its
/// `Content-Type`, else, for HTML, a `<meta charset>` (or `http-equiv`) in its first 1024
/// bytes, else UTF-8. Labels are read as browsers read them (WHATWG Encoding): "iso-8859-1"
/// and "latin1" are windows-1252, whose 0x80–0x9F are quotes, dashes and the euro sign, not
/// control characters. UTF-8 is checked strictly; a label no browser knows is a 415.
pub fn decode_text(bytes: &[u8], charset: Option<&str>, kind: BodyKind) -> Result<String, ApiError> {
    let declared = match charset {
        Some(label) => Some(Encoding::for_label(label.as_bytes()).ok_or_else(|| {
            ApiError::UnsupportedMediaType(format!(
                "charset '{label}' is not a character encoding this service reads"
            ))
        })?),
        None if kind == BodyKind::Html => meta_charset(bytes),
        None => None,
    };
    let encoding = declared.unwrap_or(UTF_8);
    if encoding == UTF_8 {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        return std::str::from_utf8(bytes).map(str::to_owned).map_err(|err| {
            ApiError::bad_field(
                "body",
                format!(
                    "the body is not valid UTF-8 (invalid byte at offset {}); declare its charset if it has another",
                    err.valid_up_to()
                ),
            )
        });
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Ok(text.into_owned())
}

/// The encoding an HTML page declares in a `<meta>` among its first 1024 bytes (`<meta
/// charset="windows-1252">`, `<meta http-equiv="Content-Type" content="text/html;
/// charset=…">`). UTF-16 declared in a page that was not sent as UTF-16 is read as UTF-8.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        let tag = &rest[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        if let Some(pos) = tag.find("charset=") {
            let value = tag[pos + "charset=".len()..].trim_start_matches(['"', '\'', ' ']);
            let label: String =
                value.chars().take_while(|c| !matches!(c, '"' | '\'' | ' ' | ';' | '/' | '>')).collect();
            return Encoding::for_label(label.as_bytes())
                .map(|e| if e == UTF_16LE || e == UTF_16BE { UTF_8 } else { e });
        }
        rest = &rest[at + "<meta".len()..];
    }
    None
}

/// Parses one JSON article; syntax errors are 400 with line and column, a wrong shape 422.
pub fn parse_json_article(bytes: &[u8]) -> Result<ArticleRequest, ApiError> {
    parse_json(bytes)
}

/// Parses a JSON body into `T` in one pass; only a body that fails is read again, to say
/// why: syntax errors are 400 with line and column, the top-level members are checked
/// against `T`'s own schema so every unknown and every missing member is named at once, and
/// a member of the wrong shape is named by the deserializer's path to it (`when.start`,
/// `source_ids[2]`).
pub fn parse_json<T: DeserializeOwned + PartialSchema>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes).or_else(|_| from_json_value(json_value(bytes)?))
}

/// A JSON body's value; syntax errors are 400 with line and column.
pub fn json_value(bytes: &[u8]) -> Result<serde_json::Value, ApiError> {
    serde_json::from_slice(bytes).map_err(json_error)
}

/// `T` from a parsed JSON body, as [`parse_json`] reads it.
pub fn from_json_value<T: DeserializeOwned + PartialSchema>(value: serde_json::Value) -> Result<T, ApiError> {
    if let serde_json::Value::Object(members) = &value {
        check_members::<T>(members)?;
    }
    serde_path_to_error::deserialize(value).map_err(|err| {
        let path = err.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::invalid_field(field, strip_position(&err.into_inner().to_string()))
    })
}

/// 422 naming the first string in `value` that holds a NUL character, which no stored text
/// can hold (an analyst's edit would otherwise fail in the database).
pub fn reject_nul(value: &serde_json::Value, at: &str) -> Result<(), ApiError> {
    use serde_json::Value;
    match value {
        Value::String(text) if text.contains('\0') => {
            Err(ApiError::invalid_field(if at.is_empty() { "body" } else { at }, "contains a NUL character"))
        }
        Value::Array(items) => {
            items.iter().enumerate().try_for_each(|(i, item)| reject_nul(item, &format!("{at}[{i}]")))
        }
        Value::Object(members) => members.iter().try_for_each(|(name, member)| {
            let here = if at.is_empty() { name.clone() } else { format!("{at}.{name}") };
            reject_nul(member, &here)
        }),
        _ => Ok(()),
    }
}

/// 422 naming each member `T`'s schema does not have (when it admits no others) and each
/// required one that is missing.
fn check_members<T: PartialSchema>(
    members: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), ApiError> {
    let RefOr::T(Schema::Object(schema)) = T::schema() else { return Ok(()) };
    let closed =
        matches!(schema.additional_properties.as_deref(), Some(AdditionalProperties::FreeForm(false)));
    let mut errors = Vec::new();
    if closed {
        let known: Vec<&str> = schema.properties.keys().map(String::as_str).collect();
        for name in members.keys().filter(|name| !known.contains(&name.as_str())) {
            errors.push(crate::error::FieldError {
                field: name.clone(),
                message: format!("unknown field; the fields are: {}", known.join(", ")),
            });
        }
    }
    for name in schema.required.iter().filter(|name| !members.contains_key(name.as_str())) {
        errors.push(crate::error::FieldError { field: name.clone(), message: "is required".to_owned() });
    }
    if errors.is_empty() {
        return Ok(());
    }
    let detail = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
    Err(ApiError::Unprocessable { detail, errors })
}

/// Maps a serde_json error to 400 (malformed) or 422 (well-formed but the wrong shape).
fn json_error(err: serde_json::Error) -> ApiError {
    use serde_json::error::Category;
    match err.classify() {
        Category::Data => ApiError::invalid_field("body", strip_position(&err.to_string())),
        Category::Syntax | Category::Eof | Category::Io => ApiError::BadRequest {
            detail: format!("malformed JSON: {err}"),
            errors: vec![crate::error::FieldError { field: "body".to_owned(), message: err.to_string() }],
        },
    }
}

fn strip_position(message: &str) -> String {
    message.split(" at line ").next().unwrap_or(message).to_owned()
}

/// Metadata of a `text/plain` or `text/html` submission, from the query string.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ArticleParams {
    /// Article URL (http or https), for a text or HTML body.
    pub url: Option<String>,
    /// Title, for a text or HTML body (an HTML page's own title is used otherwise).
    pub title: Option<String>,
    /// Publication time, RFC 3339 or `YYYY-MM-DD`, for a text or HTML body.
    pub published_at: Option<String>,
    /// Outlet name, for a text or HTML body.
    pub source: Option<String>,
}

impl ArticleParams {
    /// Builds a request around a text or HTML body.
    pub fn into_request(self, body: String, kind: BodyKind) -> ArticleRequest {
        let (text, html) = if kind == BodyKind::Html { (None, Some(body)) } else { (Some(body), None) };
        ArticleRequest {
            url: self.url,
            title: self.title,
            published_at: self.published_at,
            source: self.source,
            text,
            html,
            id: None,
        }
    }
}

/// Longest accepted URL.
/// Longest accepted title or source name.
const MAX_TITLE_LEN: usize = 2000;

/// Validates a request into an article input; every problem found is reported at once.
pub fn validate(req: ArticleRequest) -> Result<ArticleInput, ApiError> {
    let mut errors = Vec::new();
    let mut complain = |field: &str, message: String| {
        errors.push(crate::error::FieldError { field: field.to_owned(), message });
    };
    let url = req.url.map(|u| u.trim().to_owned()).filter(|u| !u.is_empty());
    if let Some(url) = &url
        && let Err(message) = links::parse(url)
    {
        complain("url", message);
    }
    let published_at = match req.published_at.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => match parse_published_at(text) {
            Ok(at) => Some(at),
            Err(message) => {
                complain("published_at", message);
                None
            }
        },
    };
    for (field, value) in [("title", &req.title), ("source", &req.source)] {
        if value.as_ref().is_some_and(|v| v.chars().count() > MAX_TITLE_LEN) {
            complain(field, format!("longer than {MAX_TITLE_LEN} characters"));
        }
    }
    let body = match (req.text, req.html) {
        (Some(_), Some(_)) => {
            complain("text", "give either text or html, not both".to_owned());
            None
        }
        (Some(text), None) if !text.trim().is_empty() => Some(ArticleBody::Text(text)),
        (None, Some(html)) if !html.trim().is_empty() => Some(ArticleBody::Html(html)),
        (Some(_), None) => {
            complain("text", "the article text is empty".to_owned());
            None
        }
        (None, Some(_)) => {
            complain("html", "the HTML page is empty".to_owned());
            None
        }
        (None, None) => {
            complain("text", "an article needs `text` or `html`".to_owned());
            None
        }
    };
    match body {
        Some(body) if errors.is_empty() => Ok(ArticleInput {
            url,
            title: req.title.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()),
            published_at,
            source: req.source.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()),
            body,
        }),
        _ => {
            let detail =
                errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
            Err(ApiError::Unprocessable { detail, errors })
        }
    }
}

/// RFC 3339, or a bare `YYYY-MM-DD` (midnight UTC). Not before 1900, not more than a day
/// in the future.
pub fn parse_published_at(text: &str) -> Result<DateTime<Utc>, String> {
    let at = if let Ok(at) = DateTime::parse_from_rfc3339(text) {
        at.with_timezone(&Utc)
    } else if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        date.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
    } else {
        return Err(format!("'{}' is not an RFC 3339 timestamp or a YYYY-MM-DD date", truncate(text, 40)));
    };
    if at.date_naive() < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() {
        return Err("is before 1900".to_owned());
    }
    if at > Utc::now() + Duration::days(1) {
        return Err("is in the future".to_owned());
    }
    Ok(at)
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text.to_owned(),
    }
}

/// A JSON request body read into `T` (`application/json` or `application/merge-patch+json`):
/// bounded, every unknown and missing member named, no NUL characters.
pub async fn json_request<T: serde::de::DeserializeOwned + utoipa::PartialSchema>(
    state: &crate::AppState,
    headers: &axum::http::HeaderMap,
    body: axum::body::Body,
) -> Result<T, ApiError> {
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    if essence != "application/json" && essence != "application/merge-patch+json" {
        return Err(ApiError::UnsupportedMediaType("send application/json".to_owned()));
    }
    let bytes = read_body(body, state.config.max_body_bytes, state.config.body_read_timeout).await?;
    let value = json_value(&bytes)?;
    reject_nul(&value, "")?;
    from_json_value(value)
}

/// 422 naming the body's field when an article's text is longer than `max` characters (an
/// HTML page is bounded by the body limit alone: most of a page is not its story).
pub fn check_article_length(input: &geoevents_domain::ArticleInput, max: usize) -> Result<(), ApiError> {
    if let geoevents_domain::ArticleBody::Text(text) = &input.body {
        // Counting stops one past the bound: a huge text costs no more than a long one.
        if text.chars().take(max.saturating_add(1)).count() > max {
            return Err(ApiError::invalid_field(
                "text",
                format!("the article is longer than the {max} characters an article may have"),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(text: Option<&str>, url: Option<&str>, published_at: Option<&str>) -> ArticleRequest {
        ArticleRequest {
            text: text.map(str::to_owned),
            url: url.map(str::to_owned),
            published_at: published_at.map(str::to_owned),
            ..ArticleRequest::default()
        }
    }

    #[test]
    fn a_valid_request_becomes_an_article_input() {
        let input = validate(request(Some("Troops moved."), Some("https://x.org/a"), Some("2024-10-25")))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(input.url.as_deref(), Some("https://x.org/a"));
        assert_eq!(input.published_at.map(|d| d.to_rfc3339()), Some("2024-10-25T00:00:00+00:00".to_owned()));
    }

    #[test]
    fn every_invalid_field_is_named() {
        let cases = [
            (request(Some("x"), Some("ftp://x.org"), None), "url"),
            (request(Some("x"), Some("not a url"), None), "url"),
            (request(Some("x"), Some("https:///nohost"), None), "url"),
            (request(Some("x"), None, Some("yesterday")), "published_at"),
            (request(Some("x"), None, Some("2999-01-01")), "published_at"),
            (request(Some("   "), None, None), "text"),
            (request(None, None, None), "text"),
        ];
        for (req, field) in cases {
            match validate(req) {
                Err(ApiError::Unprocessable { errors, .. }) => assert_eq!(errors[0].field, field),
                other => panic!("expected 422 on {field}, got {other:?}"),
            }
        }
    }

    #[test]
    fn json_syntax_errors_are_400_and_shape_errors_422() {
        assert!(matches!(parse_json_article(b"{\"text\": "), Err(ApiError::BadRequest { .. })));
        match parse_json_article(b"{\"txt\": \"x\"}") {
            Err(ApiError::Unprocessable { errors, .. }) => assert_eq!(errors[0].field, "txt"),
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_json_article(b"{\"text\": 5}"), Err(ApiError::Unprocessable { .. })));
        // A missing required member is named from the type's schema, not from error text.
        #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
        struct Pair {
            #[allow(dead_code)]
            left: String,
            #[allow(dead_code)]
            right: Vec<u32>,
        }
        match parse_json::<Pair>(b"{\"left\": \"x\"}") {
            Err(ApiError::Unprocessable { errors, .. }) => assert_eq!(errors[0].field, "right"),
            other => panic!("{other:?}"),
        }
        match parse_json::<Pair>(b"{\"left\": \"x\", \"right\": [1, \"2\"]}") {
            Err(ApiError::Unprocessable { errors, .. }) => assert_eq!(errors[0].field, "right[1]"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn bodies_are_decoded_by_their_declared_encoding() {
        assert_eq!(decode_text(b"caf\xe9", Some("iso-8859-1"), BodyKind::Text).ok().as_deref(), Some("café"));
        assert!(decode_text(b"caf\xe9", None, BodyKind::Text).is_err());
        // windows-1252's quotes and dashes, also under the Latin-1 label browsers read as it.
        let quoted = b"\x93Stop\x94 \x97 now";
        for label in ["windows-1252", "iso-8859-1", "cp1252"] {
            assert_eq!(
                decode_text(quoted, Some(label), BodyKind::Text).ok().as_deref(),
                Some("“Stop” — now")
            );
        }
        assert!(decode_text(b"x", Some("klingon"), BodyKind::Text).is_err());
        // A page that says its encoding in a meta tag, with no charset in the header.
        let page = b"<html><head><meta charset=\"windows-1252\"><title>T</title></head><body>\x93Hi\x94</body></html>";
        assert!(decode_text(page, None, BodyKind::Html).is_ok_and(|t| t.contains("“Hi”")));
        let old_style = b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>caf\xe9";
        assert!(decode_text(old_style, None, BodyKind::Html).is_ok_and(|t| t.ends_with("café")));
        // Plain text has no meta: the same bytes without a header charset are refused.
        assert!(decode_text(page, None, BodyKind::Text).is_err());
        // A UTF-8 byte-order mark is not text.
        assert_eq!(decode_text(b"\xEF\xBB\xBFabc", None, BodyKind::Text).ok().as_deref(), Some("abc"));
    }
}
