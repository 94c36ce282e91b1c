//! The schema pieces the wire types and operations share: the closed vocabularies (listed
//! from the domain's own value lists) and the problem responses an operation can answer.
//! A leaf: the resources use it, and it uses none of them.

use geoevents_domain::{
    BodyFormat, DatePrecision, DateSource, Kind, Modality, PlacePrecision, Plover, QuantityQualifier, Sector,
};
use serde_json::Value;
use utoipa::openapi::ContentBuilder;
use utoipa::openapi::RefOr;
use utoipa::openapi::response::ResponseBuilder;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};

use crate::error::PROBLEM_JSON;

/// A response whose body is a problem document.
pub fn problem_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            PROBLEM_JSON,
            ContentBuilder::new()
                .schema(Some(RefOr::Ref(utoipa::openapi::Ref::from_schema_name("Problem"))))
                .build(),
        )
        .build()
}

/// Declares a set of problem responses an operation can answer, for `responses(...)`.
macro_rules! problems {
    ($($(#[$doc:meta])* $name:ident { $($status:literal => $description:literal),+ $(,)? })+) => {
        $(
            $(#[$doc])*
            pub struct $name;

            impl utoipa::IntoResponses for $name {
                fn responses() -> std::collections::BTreeMap<String, RefOr<utoipa::openapi::Response>> {
                    [$(($status.to_owned(), RefOr::T(problem_response($description)))),+].into()
                }
            }
        )+
    };
}

problems! {
    /// A list's query string was wrong.
    BadQuery {
        "400" => "A query parameter is unknown or its value is not allowed; `errors` names it",
    }
    /// The path names no such resource.
    NoSuchResource {
        "404" => "No resource has this id",
    }
    /// An article submission was refused.
    BadSubmission {
        "400" => "Malformed JSON, a body that is not valid in its declared charset, or a bad query parameter",
        "408" => "The body did not arrive within the body timeout (a slow or stalled client)",
        "413" => "The body (for NDJSON, one line) is larger than the service accepts",
        "415" => "The Content-Type (or its charset) is not one this endpoint reads",
        "422" => "Well-formed but invalid: a bad URL or date, no text, an unknown field; `errors` names each field",
    }
    /// An analyst's edit was refused.
    BadEdit {
        "400" => "Malformed JSON or a bad X-Analyst header",
        "404" => "No event has this id",
        "409" => "The event was merged into another; edit that one",
        "413" => "The body is larger than the service accepts",
        "415" => "The body is not JSON",
        "422" => "A field's value is not allowed (an unknown kind or actor code); `errors` names it",
    }
    /// A conditional edit lost a race.
    StaleVersion {
        "412" => "The event changed since the version `If-Match` names; GET it again",
    }
}

/// `304 Not Modified` to a conditional GET, for `responses(...)`: no body, the same `ETag`.
pub struct NotModified;

impl utoipa::IntoResponses for NotModified {
    fn responses() -> std::collections::BTreeMap<String, RefOr<utoipa::openapi::Response>> {
        let tag = utoipa::openapi::HeaderBuilder::new()
            .schema(Some(string()))
            .description(Some("The same version"))
            .build();
        let response = ResponseBuilder::new()
            .description(
                "Nothing changed since the `ETag` in `If-None-Match` (or the date in `If-Modified-Since`)",
            )
            .header("ETag", tag)
            .build();
        [("304".to_owned(), RefOr::T(response))].into()
    }
}

/// A plain string.
pub fn string() -> Schema {
    Schema::Object(ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).build())
}

/// A string that is one of `names`, or, when `nullable`, null.
pub fn one_of(names: impl IntoIterator<Item = &'static str>, nullable: bool, description: &str) -> Schema {
    let mut values: Vec<Value> = names.into_iter().map(Value::from).collect();
    let schema_type = if nullable {
        values.push(Value::Null);
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::new(Type::String)
    };
    Schema::Object(
        ObjectBuilder::new()
            .schema_type(schema_type)
            .enum_values(Some(values))
            .description(Some(description))
            .build(),
    )
}

/// The schemas of the closed vocabularies, for `#[schema(schema_with = …)]` on wire types.
pub mod vocab {
    use super::*;

    /// An event kind.
    pub fn kind() -> Schema {
        one_of(Kind::ALL.iter().map(|k| k.as_str()), false, "What happened: the event's kind")
    }
    /// A PLOVER type, or null for plain policy statements.
    pub fn plover() -> Schema {
        one_of(Plover::ALL.iter().map(|p| p.as_str()), true, "The PLOVER event type")
    }
    /// A PLOVER type name, for filters.
    pub fn plover_name() -> Schema {
        one_of(Plover::ALL.iter().map(|p| p.as_str()), false, "A PLOVER event type")
    }
    /// A modality, or `all`, for filters.
    pub fn modality_or_all() -> Schema {
        one_of(Modality::ALL.iter().map(|m| m.as_str()).chain(["all"]), false, "A modality, or all of them")
    }
    /// A modality.
    pub fn modality() -> Schema {
        one_of(Modality::ALL.iter().map(|m| m.as_str()), false, "How certain the article is that it happened")
    }
    /// An actor's sector, or null.
    pub fn sector() -> Schema {
        one_of(Sector::ALL.iter().map(|s| s.as_str()), true, "Which part of a state the actor is")
    }
    /// A place's precision.
    pub fn place_precision() -> Schema {
        one_of(PlacePrecision::ALL.iter().map(|p| p.as_str()), false, "How precise the place is")
    }
    /// A date's precision.
    pub fn date_precision() -> Schema {
        one_of(DatePrecision::ALL.iter().map(|p| p.as_str()), false, "How precise the date is")
    }
    /// How a quantity was qualified.
    pub fn qualifier() -> Schema {
        one_of(
            QuantityQualifier::ALL.iter().map(|q| q.as_str()),
            false,
            "How the article qualified the number",
        )
    }
    /// Where a publication time came from.
    pub fn date_source() -> Schema {
        one_of(DateSource::ALL.iter().map(|s| s.as_str()), false, "Where the publication time came from")
    }
    /// How an article arrived.
    pub fn body_format() -> Schema {
        one_of(BodyFormat::ALL.iter().map(|f| f.as_str()), false, "How the article arrived")
    }
    /// A diagnostic's severity.
    pub fn severity() -> Schema {
        one_of(["info", "warning"], false, "How serious the note is")
    }
    /// Event counts keyed by kind.
    pub fn counts_by_kind() -> Schema {
        let count = ObjectBuilder::new().schema_type(SchemaType::new(Type::Integer)).minimum(Some(0)).build();
        Schema::Object(
            ObjectBuilder::new()
                .schema_type(SchemaType::new(Type::Object))
                .property_names(Some(kind()))
                .additional_properties(Some(Schema::Object(count)))
                .description(Some("Events per kind; kinds with none are left out"))
                .build(),
        )
    }
}
