//! Query parameters of the event list and the timeline: parsed strictly (an unknown
//! parameter or a bad value is a 400 naming it), repeatable or comma-separated.

use axum::http::{HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate};
use geoevents_domain::{Kind, Modality, Plover};
use geoevents_store::EventFilter;

use utoipa::IntoParams;
use utoipa::openapi::Required;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{
    ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, SchemaType, Type,
};

use crate::error::{ApiError, FieldError};
use crate::schema::vocab;

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

/// One documented query parameter: its name, what it does, its schema, and a valid value
/// (the tests send it).
pub struct ParamDoc {
    /// The name.
    pub name: &'static str,
    /// What it does.
    pub about: &'static str,
    /// Its values.
    pub schema: fn() -> Schema,
    /// A value the endpoint accepts.
    pub example: &'static str,
}

impl ParamDoc {
    /// The parameter in an operation.
    pub fn parameter(&self) -> Parameter {
        let schema = (self.schema)();
        let value = serde_json::from_str(self.example).unwrap_or_else(|_| self.example.into());
        let example = match schema {
            Schema::Array(_) => serde_json::Value::Array(vec![value]),
            _ => value,
        };
        ParameterBuilder::new()
            .name(self.name)
            .parameter_in(ParameterIn::Query)
            .required(Required::False)
            .description(Some(self.about))
            .example(Some(example).filter(|_| !self.example.is_empty()))
            .schema(Some(schema))
            .build()
    }
}

/// The event filter of `/v1/events` and `/v1/timeline`. A list parameter takes several values
/// repeated (`kind=attack&kind=threat`) or comma-separated (`kind=attack,threat`); values of
/// one parameter are alternatives, different parameters must all hold.
pub const FILTER: &[ParamDoc] = &[
    ParamDoc { name: "kind", about: "Event kinds", schema: || list(vocab::kind()), example: "attack" },
    ParamDoc {
        name: "plover",
        about: "PLOVER types (any case)",
        schema: || list(vocab::plover_name()),
        example: "ASSAULT",
    },
    ParamDoc {
        name: "actor",
        about: "Actor codes, matching the actor or its state: ISO 3166 alpha-3 for states (`PRK`), or a body's code (`NATO`, `UN`)",
        schema: || list(code()),
        example: "RUS",
    },
    ParamDoc { name: "target", about: "Target codes, as `actor`", schema: || list(code()), example: "UKR" },
    ParamDoc {
        name: "country",
        about: "Codes of states an event involves as actor, target or location",
        schema: || list(code()),
        example: "FRA",
    },
    ParamDoc {
        name: "from",
        about: "Events on or after this day (`YYYY-MM-DD`, or an RFC 3339 time whose day is used)",
        schema: day,
        example: "2024-01-01",
    },
    ParamDoc {
        name: "to",
        about: "Events on or before this day, as `from`",
        schema: day,
        example: "2024-12-31",
    },
    ParamDoc {
        name: "modality",
        about: "Modalities; `all` for every one. Without it: asserted and claimed events only",
        schema: || list(vocab::modality_or_all()),
        example: "asserted",
    },
    ParamDoc {
        name: "min_confidence",
        about: "Events whose confidence is at least this",
        schema: || number(0.0, 1.0),
        example: "0.5",
    },
    ParamDoc {
        name: "q",
        about: "Full-text search over the evidence sentences of the event's sources, in web-search syntax",
        schema: string,
        example: "border",
    },
    ParamDoc {
        name: "include_retracted",
        about: "Also events an analyst retracted",
        schema: boolean,
        example: "true",
    },
];

/// The filter parameter names, for error messages.
pub fn filter_names() -> Vec<&'static str> {
    FILTER.iter().map(|p| p.name).collect()
}

/// The event filter's parameters, for `params(...)` of an operation.
pub struct FilterParams;

impl IntoParams for FilterParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        FILTER.iter().map(ParamDoc::parameter).collect()
    }
}

/// Declares string parameters outside the query, for `params(...)` of operations.
macro_rules! string_params {
    ($($(#[$doc:meta])* $name:ident = ($param:literal, $location:ident, $required:ident, $about:literal);)+) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl IntoParams for $name {
                fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
                    vec![
                        ParameterBuilder::new()
                            .name($param)
                            .parameter_in(ParameterIn::$location)
                            .required(Required::$required)
                            .description(Some($about))
                            .schema(Some(string()))
                            .build(),
                    ]
                }
            }
        )+
    };
}

string_params! {
    /// The event an operation is about.
    EventIdParam = ("id", Path, True, "The event's id (`evt_…`)");
    /// The article an operation is about.
    ArticleIdParam = ("id", Path, True, "The article's id (`art_…`)");
    /// A conditional GET.
    IfNoneMatch = ("If-None-Match", Header, False, "The `ETag` of an earlier answer: 304 while it still holds");
    /// A conditional GET by date.
    IfModifiedSince = (
        "If-Modified-Since",
        Header,
        False,
        "The `Last-Modified` of an earlier answer: 304 while nothing changed since (ignored with `If-None-Match`)"
    );
    /// A conditional edit.
    IfMatch = (
        "If-Match",
        Header,
        False,
        "The `ETag` of the version being edited, or `*`: 412 if the event changed since"
    );
}

/// Who edits: the `X-Analyst` header.
pub struct Analyst;

impl IntoParams for Analyst {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        // Printable ASCII, not only spaces, at most 100 bytes (`corrections::analyst`).
        let schema = ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .pattern(Some("^[ -~]*[!-~][ -~]*$"))
            .max_length(Some(100))
            .build();
        vec![
            ParameterBuilder::new()
                .name("X-Analyst")
                .parameter_in(ParameterIn::Header)
                .required(Required::False)
                .description(Some(
                    "The person editing, kept in the event's history under the API key's name \
                     (`batch-job/analyst.kim`); without a key (writes open), alone, or `anonymous`",
                ))
                .schema(Some(Schema::Object(schema)))
                .build(),
        ]
    }
}

/// `cursor`, for `params(...)`.
pub struct CursorParam;

impl IntoParams for CursorParam {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            ParamDoc {
                name: "cursor",
                about: "Where the page starts: the `next_cursor` of the page before (opaque)",
                schema: string,
                example: "",
            }
            .parameter(),
        ]
    }
}

/// `format`, for `params(...)`.
pub struct FormatParam;

impl IntoParams for FormatParam {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let schema = ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .enum_values(Some(["json", "csv", "ndjson", "geojson"]))
            .build();
        vec![
            ParameterBuilder::new()
                .name("format")
                .parameter_in(ParameterIn::Query)
                .required(Required::False)
                .description(Some(
                    "`json` (default: the page) or an export of every matching event: `csv`, `ndjson`, `geojson`; \
                     wins over `Accept`. An export takes no `cursor` or `limit`",
                ))
                .schema(Some(Schema::Object(schema)))
                .build(),
        ]
    }
}

/// `limit`, for `params(...)`.
pub struct LimitParam;

impl IntoParams for LimitParam {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        let schema = || {
            Schema::Object(
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Integer))
                    .minimum(Some(1))
                    .maximum(Some(MAX_LIMIT))
                    .default(Some(DEFAULT_LIMIT.into()))
                    .build(),
            )
        };
        vec![ParamDoc { name: "limit", about: "Page size", schema, example: "10" }.parameter()]
    }
}

fn list(item: Schema) -> Schema {
    Schema::Array(ArrayBuilder::new().items(utoipa::openapi::RefOr::T(item)).build())
}

fn string() -> Schema {
    Schema::Object(ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).build())
}

fn code() -> Schema {
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .pattern(Some("^[A-Za-z0-9_]{1,32}$"))
            .build(),
    )
}

fn day() -> Schema {
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
            .build(),
    )
}

fn number(min: f64, max: f64) -> Schema {
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Number))
            .minimum(Some(min))
            .maximum(Some(max))
            .build(),
    )
}

fn boolean() -> Schema {
    Schema::Object(
        ObjectBuilder::new().schema_type(SchemaType::new(Type::Boolean)).default(Some(false.into())).build(),
    )
}

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

    /// Every documented filter parameter is one the parser takes, with its example value.
    #[test]
    fn every_documented_filter_parameter_is_parsed() {
        for param in FILTER {
            let mut p = pairs(&[(param.name, param.example)]);
            assert!(take_filter(&mut p).is_ok(), "{}={}", param.name, param.example);
            assert!(p.is_empty(), "{} is documented but not parsed", param.name);
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
