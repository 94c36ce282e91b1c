//! Every response the end-to-end tests receive is checked against the OpenAPI document the
//! service serves: the operation, the status, the content type and the body's schema must
//! all be documented. The check is strict where a generic validator is lenient: a property
//! the schema does not declare is an error, so a field added to a wire type without its
//! schema fails here.
//!
//! It reads the subset of JSON Schema the document uses: `$ref`, `allOf`, `oneOf`, `anyOf`,
//! `type` (one or a list), `enum`, `properties`, `required`, `additionalProperties`,
//! `propertyNames`, `items`, `minimum`, `maximum`, `pattern` and the `date` and `date-time` formats. A
//! keyword it does not know fails the check rather than passing silently.

use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The document, as `GET /openapi.json` serves it.
pub fn document() -> &'static Value {
    static DOCUMENT: OnceLock<Value> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        serde_json::to_value(geoevents_api::openapi_document()).expect("the document is JSON")
    })
}

/// The documented path template `path` falls under (`/v1/events/evt_1` → `/v1/events/{id}`).
pub fn template(path: &str) -> Option<String> {
    let segments: Vec<&str> = path.split('/').collect();
    let paths = document()["paths"].as_object()?;
    let mut candidates: Vec<&String> = paths
        .keys()
        .filter(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            parts.len() == segments.len()
                && parts.iter().zip(&segments).all(|(t, s)| t == s || (t.starts_with('{') && !s.is_empty()))
        })
        .collect();
    // A literal segment wins over a parameter.
    candidates.sort_by_key(|t| t.matches('{').count());
    candidates.first().map(|t| (*t).clone())
}

/// Panics unless the response is one the document describes.
#[track_caller]
pub fn check_response(method: &str, path: &str, status: u16, content_type: &str, body: &str) {
    if let Err(message) = response_conforms(method, path, status, content_type, body) {
        panic!(
            "{method} {path} answered {status} ({content_type}) outside the OpenAPI document: {message}\nbody: {}",
            truncate(body)
        );
    }
}

fn response_conforms(
    method: &str,
    path: &str,
    status: u16,
    content_type: &str,
    body: &str,
) -> Result<(), String> {
    let template = template(path).ok_or("no documented path matches")?;
    let operation = &document()["paths"][&template][method.to_ascii_lowercase()];
    if !operation.is_object() {
        return Err(format!("{template} documents no {method}"));
    }
    let responses = &operation["responses"];
    let response = responses
        .get(status.to_string())
        .or_else(|| responses.get("default"))
        .ok_or_else(|| format!("status {status} is not documented for {method} {template}"))?;
    let Some(content) = response["content"].as_object() else {
        return if body.is_empty() {
            Ok(())
        } else {
            Err("a body where the document declares none".to_owned())
        };
    };
    if body.is_empty() {
        return Err("no body where the document declares one".to_owned());
    }
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    let media = content
        .iter()
        .find(|(declared, _)| declared.split(';').next().unwrap_or_default().trim() == essence)
        .map(|(_, media)| media)
        .ok_or_else(|| format!("content type {essence} is not documented (only {:?})", content.keys()))?;
    let schema = &media["schema"];
    match essence {
        "application/json" | "application/problem+json" => {
            let value: Value = serde_json::from_str(body).map_err(|e| format!("not JSON: {e}"))?;
            validate(schema, &value, "$")
        }
        "application/x-ndjson" => {
            body.lines().filter(|l| !l.trim().is_empty()).enumerate().try_for_each(|(i, line)| {
                let value: Value =
                    serde_json::from_str(line).map_err(|e| format!("line {}: not JSON: {e}", i + 1))?;
                validate(schema, &value, &format!("line {}", i + 1))
            })
        }
        _ => validate(schema, &Value::String(body.to_owned()), "$"),
    }
}

/// Checks `value` against `schema`, naming the first place that does not conform.
pub fn validate(schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    check(schema, value, at, true)
}

fn resolve(schema: &Value) -> Result<&Value, String> {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let name =
                reference.strip_prefix("#/components/schemas/").ok_or(format!("unknown $ref {reference}"))?;
            let target = &document()["components"]["schemas"][name];
            if target.is_object() {
                resolve(target)
            } else {
                Err(format!("$ref {reference} names no schema"))
            }
        }
        None => Ok(schema),
    }
}

const KNOWN: &[&str] = &[
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "type",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "minimum",
    "maximum",
    "pattern",
    "propertyNames",
    "format",
    "description",
    "title",
    "example",
    "examples",
    "default",
    "deprecated",
    "readOnly",
    "writeOnly",
];

fn check(schema: &Value, value: &Value, at: &str, strict: bool) -> Result<(), String> {
    let Some(keywords) = schema.as_object() else {
        return if schema == &Value::Bool(false) {
            Err(format!("{at}: nothing is allowed here"))
        } else {
            Ok(())
        };
    };
    if let Some(unknown) = keywords.keys().find(|k| !KNOWN.contains(&k.as_str())) {
        return Err(format!("{at}: the checker does not know the keyword {unknown}"));
    }
    if keywords.contains_key("$ref") {
        return check(resolve(schema)?, value, at, strict);
    }
    if let Some(parts) = keywords.get("allOf").and_then(Value::as_array) {
        for part in parts {
            check(part, value, at, false)?;
        }
    }
    if let Some(options) = keywords.get("oneOf").and_then(Value::as_array) {
        let matching = options.iter().filter(|option| check(option, value, at, strict).is_ok()).count();
        if matching != 1 {
            let reasons: Vec<String> =
                options.iter().filter_map(|option| check(option, value, at, strict).err()).collect();
            return Err(format!(
                "{at}: matches {matching} of the oneOf options, not one ({})",
                reasons.join("; ")
            ));
        }
    }
    if let Some(options) = keywords.get("anyOf").and_then(Value::as_array)
        && !options.iter().any(|option| check(option, value, at, strict).is_ok())
    {
        return Err(format!("{at}: matches none of the anyOf options"));
    }
    if let Some(types) = keywords.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(list) => list.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !types.iter().any(|t| is_type(value, t)) {
            return Err(format!("{at}: {} is not of type {types:?}", truncate(&value.to_string())));
        }
    }
    if let Some(allowed) = keywords.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} is not one of {}", Value::Array(allowed.clone())));
    }
    if let Some(number) = value.as_f64() {
        if keywords.get("minimum").and_then(Value::as_f64).is_some_and(|min| number < min) {
            return Err(format!("{at}: {number} is below the minimum"));
        }
        if keywords.get("maximum").and_then(Value::as_f64).is_some_and(|max| number > max) {
            return Err(format!("{at}: {number} is above the maximum"));
        }
    }
    if let Some(text) = value.as_str() {
        if let Some(pattern) = keywords.get("pattern").and_then(Value::as_str) {
            let regex =
                regex::Regex::new(pattern).map_err(|e| format!("{at}: bad pattern {pattern}: {e}"))?;
            if !regex.is_match(text) {
                return Err(format!("{at}: '{text}' does not match {pattern}"));
            }
        }
        match keywords.get("format").and_then(Value::as_str) {
            Some("date-time") if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
                return Err(format!("{at}: '{text}' is not an RFC 3339 date-time"));
            }
            Some("date") if chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").is_err() => {
                return Err(format!("{at}: '{text}' is not a date"));
            }
            _ => {}
        }
    }
    if let Some(items) = value.as_array()
        && let Some(item_schema) = keywords.get("items")
    {
        for (i, item) in items.iter().enumerate() {
            check(item_schema, item, &format!("{at}[{i}]"), true)?;
        }
    }
    if let Some(object) = value.as_object() {
        if let Some(names) = keywords.get("propertyNames") {
            for name in object.keys() {
                check(names, &Value::String(name.clone()), &format!("{at} key {name}"), true)?;
            }
        }
        check_object(schema, keywords, object, at, strict)?;
    }
    Ok(())
}

fn check_object(
    schema: &Value,
    keywords: &Map<String, Value>,
    object: &Map<String, Value>,
    at: &str,
    strict: bool,
) -> Result<(), String> {
    for name in
        keywords.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str)
    {
        if !object.contains_key(name) {
            return Err(format!("{at}: the required property {name} is missing"));
        }
    }
    let properties = keywords.get("properties").and_then(Value::as_object);
    for (name, member) in object {
        let here = format!("{at}.{name}");
        match (properties.and_then(|p| p.get(name)), keywords.get("additionalProperties")) {
            (Some(property), _) => check(property, member, &here, true)?,
            (None, Some(additional)) => check(additional, member, &here, true)?,
            (None, None) => {}
        }
    }
    if strict
        && let Some(declared) = declared_properties(schema)?
        && let Some(extra) = object.keys().find(|name| !declared.contains(name))
    {
        return Err(format!("{at}: the property {extra} is not in the schema"));
    }
    Ok(())
}

/// The properties an object schema declares, across `allOf` parts; `None` when it admits
/// others (`additionalProperties`, or no `properties` at all).
fn declared_properties(schema: &Value) -> Result<Option<Vec<String>>, String> {
    let schema = resolve(schema)?;
    if schema.get("additionalProperties").is_some_and(|a| a != &Value::Bool(false)) {
        return Ok(None);
    }
    let mut names: Vec<String> = schema
        .get("properties")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|p| p.keys().cloned())
        .collect();
    let parts = schema.get("allOf").and_then(Value::as_array);
    for part in parts.into_iter().flatten() {
        match declared_properties(part)? {
            Some(more) => names.extend(more),
            None => return Ok(None),
        }
    }
    if names.is_empty() && parts.is_none() && schema.get("properties").is_none() {
        return Ok(None);
    }
    Ok(Some(names))
}

fn is_type(value: &Value, name: &str) -> bool {
    match name {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => false,
    }
}

fn truncate(text: &str) -> String {
    text.chars().take(600).collect()
}

#[test]
fn the_checker_finds_what_does_not_conform() {
    let event = serde_json::json!({"$ref": "#/components/schemas/EventDto"});
    let problem = serde_json::json!({"$ref": "#/components/schemas/Problem"});
    let good = serde_json::json!({
        "type": "about:blank", "title": "Not Found", "status": 404, "detail": "no such thing",
        "instance": "/x#request=1"
    });
    assert_eq!(validate(&problem, &good, "$"), Ok(()));
    let mut extra = good.clone();
    extra["secret"] = Value::from("sql");
    assert!(validate(&problem, &extra, "$").is_err_and(|e| e.contains("secret")));
    let mut missing = good.clone();
    missing.as_object_mut().map(|m| m.remove("detail"));
    assert!(validate(&problem, &missing, "$").is_err_and(|e| e.contains("detail")));
    let mut wrong = good;
    wrong["status"] = Value::from("404");
    assert!(validate(&problem, &wrong, "$").is_err());
    // A flattened event: the coded fields and the stored ones together, nothing else.
    assert!(validate(&event, &serde_json::json!({"id": "evt_1"}), "$").is_err());
    assert_eq!(template("/v1/events/evt_1/history").as_deref(), Some("/v1/events/{id}/history"));
    assert_eq!(template("/v1/events").as_deref(), Some("/v1/events"));
    assert_eq!(template("/nowhere"), None);
}
