//! Query parameters of the event list and the timeline: parsed strictly (an unknown
//! parameter or a bad value is a 400 naming it), repeatable or comma-separated.

use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate};
use geoevents_domain::{Kind, Modality, Plover};
use geoevents_store::EventFilter;

use crate::error::{ApiError, FieldError};

/// Raw `(name, value)` pairs of a query string.
pub type Pairs = Vec<(String, String)>;

/// Pulls the filter parameters out of `pairs`, leaving the others for the caller.
pub fn take_filter(pairs: &mut Pairs) -> Result<EventFilter, ApiError> {
    let mut filter = EventFilter::default();
    let mut errors = Vec::new();
    let mut rest = Vec::new();
    for (name, value) in pairs.drain(..) {
        let values = || value.split(',').map(str::trim).filter(|v| !v.is_empty());
        let mut fail = |message: String| errors.push(FieldError { field: name.clone(), message });
        match name.as_str() {
            "kind" => {
                for v in values() {
                    match v.parse::<Kind>() {
                        Ok(kind) => filter.kinds.push(kind),
                        Err(_) => fail(format!(
                            "unknown kind '{v}'; one of: {}",
                            Kind::ALL.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                    }
                }
            }
            "plover" => {
                for v in values() {
                    match v.to_ascii_uppercase().parse::<Plover>() {
                        Ok(p) => filter.plovers.push(p),
                        Err(_) => fail(format!(
                            "unknown PLOVER type '{v}'; one of: {}",
                            Plover::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                    }
                }
            }
            "actor" | "target" | "country" => {
                for v in values() {
                    let code = v.to_ascii_uppercase();
                    if code.len() > 32 || !code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
                        fail(format!("'{v}' is not an actor code (ISO3 like PRK, or a body like NATO)"));
                    } else {
                        let list = match name.as_str() {
                            "actor" => &mut filter.actors,
                            "target" => &mut filter.targets,
                            _ => &mut filter.countries,
                        };
                        list.push(code);
                    }
                }
            }
            "from" | "to" => match parse_day(&value) {
                Some(day) if name == "from" => filter.from = Some(day),
                Some(day) => filter.to = Some(day),
                None => fail(format!("'{value}' is not a date (YYYY-MM-DD)")),
            },
            "modality" => {
                for v in values() {
                    if v == "all" {
                        filter.modalities.extend_from_slice(Modality::ALL);
                    } else {
                        match v.parse::<Modality>() {
                            Ok(m) => filter.modalities.push(m),
                            Err(_) => fail(format!(
                                "unknown modality '{v}'; one of: asserted, claimed, planned, hypothetical, negated, all"
                            )),
                        }
                    }
                }
            }
            "min_confidence" => match value.parse::<f32>() {
                Ok(c) if (0.0..=1.0).contains(&c) => filter.min_confidence = Some(c),
                _ => fail(format!("'{value}' is not a number between 0 and 1")),
            },
            "q" => filter.q = Some(value.clone()).filter(|q| !q.trim().is_empty()),
            "include_retracted" => match value.as_str() {
                "true" | "1" => filter.include_retracted = true,
                "false" | "0" => filter.include_retracted = false,
                _ => fail(format!("'{value}' is not true or false")),
            },
            _ => rest.push((name, value)),
        }
    }
    filter.modalities.sort();
    filter.modalities.dedup();
    if let (Some(from), Some(to)) = (filter.from, filter.to)
        && from > to
    {
        errors.push(FieldError { field: "from".to_owned(), message: format!("{from} is after to={to}") });
    }
    *pairs = rest;
    if errors.is_empty() { Ok(filter) } else { Err(bad_request(errors)) }
}

/// A day, given as `YYYY-MM-DD` or as an RFC 3339 timestamp.
fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .or_else(|| DateTime::parse_from_rfc3339(value.trim()).ok().map(|d| d.date_naive()))
}

/// 400 for parameters nobody consumed.
pub fn reject_unknown(pairs: &Pairs, known: &[&str]) -> Result<(), ApiError> {
    let errors: Vec<FieldError> = pairs
        .iter()
        .map(|(name, _)| FieldError {
            field: name.clone(),
            message: format!("unknown query parameter; this endpoint takes: {}", known.join(", ")),
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(bad_request(errors)) }
}

/// Default page size of list endpoints.
pub const DEFAULT_LIMIT: u32 = 50;
/// Largest page size of list endpoints.
pub const MAX_LIMIT: u32 = 500;

/// Removes and validates `limit` (1 to 500, default 50).
pub fn take_limit(pairs: &mut Pairs) -> Result<u32, ApiError> {
    match take_one(pairs, "limit") {
        None => Ok(DEFAULT_LIMIT),
        Some(text) => match text.parse::<u32>() {
            Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
            _ => Err(ApiError::bad_field("limit", format!("'{text}' is not a number from 1 to {MAX_LIMIT}"))),
        },
    }
}

/// Removes and returns the single value of `name`.
pub fn take_one(pairs: &mut Pairs, name: &str) -> Option<String> {
    let pos = pairs.iter().rposition(|(n, _)| n == name)?;
    let value = pairs.remove(pos).1;
    pairs.retain(|(n, _)| n != name);
    Some(value)
}

fn bad_request(errors: Vec<FieldError>) -> ApiError {
    let detail = errors.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; ");
    ApiError::BadRequest { detail, errors }
}

/// The filter parameter names, for error messages.
pub const FILTER_PARAMS: &[&str] = &[
    "kind",
    "plover",
    "actor",
    "target",
    "country",
    "from",
    "to",
    "modality",
    "min_confidence",
    "q",
    "include_retracted",
];

/// A page of a list, answered the same way on every list endpoint: the body carries
/// `next_cursor`, and when there is a next page a `Link: <…>; rel="next"` header gives its
/// URL (this request's path and query with the next cursor).
pub fn page(uri: &Uri, next_cursor: Option<&str>, body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    if let Some(cursor) = next_cursor {
        let mut query: Vec<&str> = uri
            .query()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty() && !p.starts_with("cursor="))
            .collect();
        let cursor_pair = format!("cursor={cursor}");
        query.push(&cursor_pair);
        let link = format!("<{}?{}>; rel=\"next\"", uri.path(), query.join("&"));
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Pairs {
        items.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
    }

    #[test]
    fn repeated_and_comma_separated_values_both_work() {
        let mut p =
            pairs(&[("kind", "attack,threat"), ("kind", "protest"), ("actor", "prk"), ("modality", "all")]);
        let filter = take_filter(&mut p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(filter.kinds, vec![Kind::Attack, Kind::Threat, Kind::Protest]);
        assert_eq!(filter.actors, vec!["PRK".to_owned()]);
        assert_eq!(filter.modalities.len(), 5);
        assert!(p.is_empty());
    }

    #[test]
    fn bad_values_are_named() {
        for (name, value) in
            [("kind", "bombing"), ("from", "last week"), ("min_confidence", "2"), ("actor", "P R K")]
        {
            let mut p = pairs(&[(name, value)]);
            match take_filter(&mut p) {
                Err(ApiError::BadRequest { errors, .. }) => assert_eq!(errors[0].field, name),
                other => panic!("{name}={value}: {other:?}"),
            }
        }
    }

    #[test]
    fn unknown_parameters_are_left_for_the_caller_to_reject() {
        let mut p = pairs(&[("knd", "attack"), ("limit", "5")]);
        assert!(take_filter(&mut p).is_ok());
        assert_eq!(take_one(&mut p, "limit").as_deref(), Some("5"));
        assert!(reject_unknown(&p, &["limit"]).is_err());
    }
}
