//! The OpenAPI 3.1 document (`GET /openapi.json`) and the docs page (`/docs`).
//!
//! The document is not written by hand: every route is registered through `utoipa-axum`'s
//! `routes!`, which takes its path and methods from the handler's `#[utoipa::path]`, so a
//! route cannot exist without its operation. Body schemas come from the wire types'
//! `ToSchema` derives; the closed vocabularies (kinds, modalities, PLOVER types…) from the
//! domain's own value lists. What every operation shares — the `X-Request-Id` header, the
//! 500 and 503 problems the middleware can answer anywhere — is added here, once.

use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::OpenApi as _;
use utoipa::openapi::path::{Operation, Parameter, ParameterBuilder, ParameterIn};
use utoipa::openapi::schema::{ObjectBuilder, Schema};
use utoipa::openapi::{HeaderBuilder, OpenApi, PathItem, RefOr, Required};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::{Config, SwaggerUi};

use crate::AppState;
use crate::error::{FieldError, Problem};
use crate::schema::{problem_response, string};

/// The parts of the document no handler owns.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "geoevents",
        description = "Extracts coded, evidenced geopolitical events from news articles, merges \
                       reports of the same event across sources, and serves them for query.\n\n\
                       Every error is `application/problem+json` (RFC 9457) whose `instance` names \
                       the request path and its `X-Request-Id`. Lists page with an opaque `cursor`: \
                       the body's `next_cursor` and a `Link: <…>; rel=\"next\"` header give the next \
                       page.",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    components(schemas(Problem, FieldError)),
    tags(
        (name = "articles", description = "Ingest articles and read them back"),
        (name = "events", description = "Query events and their sources"),
        (name = "corrections", description = "Analyst edits: correct, retract, merge, split, history"),
        (name = "timeline", description = "Event counts over time"),
        (name = "keys", description = "API keys: make, list, revoke (admin keys only)"),
        (name = "changes", description = "Every change of every event, to keep a copy in sync: pages and a live stream"),
        (name = "operations", description = "Health, metrics and this document")
    )
)]
struct ApiDoc;

/// Every route of the service with its operation, before state and middleware.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .merge(crate::health::router())
        .merge(crate::articles::router())
        .merge(crate::extract::router())
        .merge(crate::events::router())
        .merge(crate::timeline::router())
        .merge(crate::changes::router())
        .merge(crate::keys::router())
        .routes(routes!(crate::telemetry::render))
        .routes(routes!(openapi_json))
}

/// The document, built once per process.
pub fn document() -> &'static OpenApi {
    static DOCUMENT: OnceLock<OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let (_, mut document) = api().split_for_parts();
        shared_parts(&mut document);
        one_body_member(&mut document);
        document
    })
}

/// The document's JSON, rendered once.
fn document_json() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| serde_json::to_vec_pretty(document()).unwrap_or_default())
}

/// The OpenAPI 3.1 document of this service.
#[utoipa::path(
    get,
    path = "/openapi.json",
    tag = "operations",
    responses((status = 200, description = "This document", content_type = "application/json", body = Object))
)]
async fn openapi_json() -> Response {
    let mut response = document_json().into_response();
    response.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The docs page: Swagger UI, every asset compiled into the binary, reading `/openapi.json`.
pub fn docs_page() -> SwaggerUi {
    SwaggerUi::new("/docs").config(
        Config::new(["/openapi.json"])
            .try_it_out_enabled(true)
            .display_request_duration(true)
            // Swagger UI would otherwise send the document to an outside validator.
            .validator_url("none"),
    )
}

/// Adds what every operation shares, once the routes are merged in (`document`).
fn shared_parts(document: &mut OpenApi) {
    use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityRequirement, SecurityScheme};
    let components = document.components.get_or_insert_with(Default::default);
    components.security_schemes.insert(
        "bearer".to_owned(),
        RefOr::T(SecurityScheme::Http(
            Http::builder()
                .scheme(HttpAuthScheme::Bearer)
                .description(Some(
                    "An API key (`gek_…`) as `Authorization: Bearer <key>`. Reads are open unless the \
                     service runs with `--read-access key`; writes need a `writer` key unless it runs \
                     with `--write-access open`; `/v1/keys` always needs an `admin` key.",
                ))
                .build(),
        )),
    );
    // A key is optional where the policy leaves a request open.
    document.security =
        Some(vec![SecurityRequirement::default(), SecurityRequirement::new("bearer", Vec::<String>::new())]);
    for (path, item) in document.paths.paths.iter_mut() {
        let keyed = path.starts_with("/v1/");
        for operation in operations(item) {
            if keyed {
                for (status, description) in [
                    (
                        "401",
                        "No API key where the access policy needs one, or a key that is malformed, unknown or revoked",
                    ),
                    ("403", "The API key's role does not allow this request"),
                    (
                        "429",
                        "The key (or, without one, the client address) made all the requests its \
                         rate-limit window allows; `Retry-After` says when to try again",
                    ),
                ] {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| RefOr::T(problem_response(description)));
                }
            }
            let request_id = request_id_parameter();
            let parameters = operation.parameters.get_or_insert_with(Vec::new);
            if !parameters.iter().any(|p| matches!(p, RefOr::T(p) if p.name == request_id.name)) {
                parameters.push(RefOr::T(request_id));
            }
            let responses = &mut operation.responses.responses;
            for (status, description) in [
                ("500", "A bug on the server's side; the detail never shows its cause"),
                (
                    "503",
                    "The database is unavailable, every extraction slot stayed busy, or the \
                     request took longer than the service allows; `Retry-After` says when to \
                     try again",
                ),
            ] {
                responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(problem_response(description)));
            }
            for response in responses.values_mut() {
                if let RefOr::T(response) = response {
                    if keyed {
                        for (name, about) in [
                            ("RateLimit-Limit", "Requests the caller's rate-limit window allows"),
                            ("RateLimit-Remaining", "Requests left in the caller's window"),
                            ("RateLimit-Reset", "Seconds until the caller's window resets"),
                        ] {
                            let header =
                                HeaderBuilder::new().schema(Some(string())).description(Some(about)).build();
                            response.headers.entry(name.to_owned()).or_insert_with(|| RefOr::T(header));
                        }
                    }
                    response.headers.entry("X-Request-Id".to_owned()).or_insert_with(|| {
                        RefOr::T(
                            HeaderBuilder::new()
                                .schema(Some(string()))
                                .description(Some(
                                    "The request's id: the client's own when it sent one, else a \
                                     new UUID. Every log line of the request carries it.",
                                ))
                                .build(),
                        )
                    });
                }
            }
        }
    }
}

/// An article request carries exactly one of `text` and `html`, which serde cannot say in
/// the type: the schema says it here.
fn one_body_member(document: &mut OpenApi) {
    let Some(components) = document.components.as_mut() else { return };
    if let Some(RefOr::T(Schema::Object(request))) = components.schemas.get("ArticleRequest") {
        let requiring = |member: &str| Schema::Object(ObjectBuilder::new().required(member).build());
        let one_of = utoipa::openapi::schema::OneOfBuilder::new()
            .item(requiring("text"))
            .item(requiring("html"))
            .build();
        let combined = utoipa::openapi::schema::AllOfBuilder::new()
            .item(Schema::Object(request.clone()))
            .item(Schema::OneOf(one_of))
            .description(request.description.clone())
            .build();
        components.schemas.insert("ArticleRequest".to_owned(), RefOr::T(Schema::AllOf(combined)));
    }
}

/// The operations of a path item.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

fn request_id_parameter() -> Parameter {
    ParameterBuilder::new()
        .name("X-Request-Id")
        .parameter_in(ParameterIn::Header)
        .required(Required::False)
        .description(Some("An id for this request, echoed in the response and in every log line"))
        .schema(Some(string()))
        .build()
}

/// Every route the router serves, as `(path template, methods)`, read off the router itself:
/// axum prints its path table and each route's `Allow` methods in its `Debug` form. Tests
/// compare it with the document.
#[cfg(test)]
pub(crate) fn router_routes(router: &axum::Router<AppState>) -> Vec<(String, Vec<String>)> {
    let debug = format!("{router:?}");
    // The fallback router has a table of its own, with ids of its own.
    let debug = &debug[..debug.find("fallback_router:").unwrap_or(debug.len())];
    let mut paths = std::collections::BTreeMap::new();
    let mut methods = std::collections::BTreeMap::new();
    for (at, _) in debug.match_indices("RouteId(") {
        let rest = &debug[at + "RouteId(".len()..];
        let Some((id, rest)) = rest.split_once("): ") else { continue };
        if let Some(path) = rest.strip_prefix('"') {
            paths.insert(id.to_owned(), path[..path.find('"').unwrap_or(0)].to_owned());
        } else if rest.starts_with("MethodRouter(") {
            let allow = rest
                .split_once("allow_header: Bytes(b\"")
                .map_or("", |(_, a)| &a[..a.find('"').unwrap_or(0)]);
            let allowed =
                allow.split(',').filter(|m| !m.is_empty() && *m != "HEAD").map(str::to_ascii_lowercase);
            methods.insert(id.to_owned(), allowed.collect::<Vec<_>>());
        }
    }
    paths.into_iter().map(|(id, path)| (path, methods.remove(&id).unwrap_or_default())).collect()
}

#[cfg(test)]
mod tests {
    use geoevents_domain::Kind;

    use super::*;
    use crate::error::PROBLEM_JSON;

    /// Every route the router serves has an operation in the document, and every documented
    /// path is served; the docs page is the one route outside it.
    #[test]
    fn the_document_covers_every_route_the_router_serves() {
        let (router, _) = api().split_for_parts();
        let served = router_routes(&router);
        assert!(served.len() >= 10, "the router's path table was not read: {served:?}");
        let document = serde_json::to_value(document()).unwrap_or_default();
        let documented: Vec<(String, Vec<String>)> = document["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(path, item)| {
                let mut methods: Vec<String> =
                    item.as_object().into_iter().flatten().map(|(m, _)| m.clone()).collect();
                methods.sort();
                (path.clone(), methods)
            })
            .collect();
        for (path, methods) in &served {
            let mut methods = methods.clone();
            methods.sort();
            let entry = documented.iter().find(|(p, _)| p == path);
            assert_eq!(entry.map(|(_, m)| m), Some(&methods), "{path} serves {methods:?}");
        }
        for (path, _) in &documented {
            assert!(served.iter().any(|(p, _)| p == path), "{path} is documented but not served");
        }
        let full = crate::routes_with_docs(api());
        let extra: Vec<String> = router_routes(&full)
            .into_iter()
            .map(|(p, _)| p)
            .filter(|p| !documented.iter().any(|(d, _)| d == p))
            .collect();
        assert!(
            !extra.is_empty() && extra.iter().all(|p| p.starts_with("/docs")),
            "undocumented routes: {extra:?}"
        );
    }

    #[test]
    fn every_operation_names_its_request_id_and_its_problems() {
        let document = serde_json::to_value(document()).unwrap_or_default();
        assert_eq!(document["openapi"], "3.1.0");
        let paths = document["paths"].as_object().cloned().unwrap_or_default();
        for (path, item) in &paths {
            for (method, operation) in item.as_object().into_iter().flatten() {
                let responses = operation["responses"].as_object().cloned().unwrap_or_default();
                assert!(responses.contains_key("500") && responses.contains_key("503"), "{method} {path}");
                for (status, response) in &responses {
                    assert!(response["headers"]["X-Request-Id"].is_object(), "{method} {path} {status}");
                    if status.starts_with('4') || status.starts_with('5') {
                        assert!(
                            response["content"][PROBLEM_JSON]["schema"]["$ref"]
                                == "#/components/schemas/Problem",
                            "{method} {path} {status} is not a problem: {response}"
                        );
                    }
                }
                assert!(
                    operation["tags"].as_array().is_some_and(|t| !t.is_empty()),
                    "{method} {path} has no tag"
                );
            }
        }
    }

    #[test]
    fn closed_vocabularies_list_every_value() {
        let document = serde_json::to_value(document()).unwrap_or_default();
        let kinds = &document["components"]["schemas"]["EventFieldsDto"]["properties"]["kind"]["enum"];
        assert_eq!(kinds.as_array().map(Vec::len), Some(Kind::ALL.len()), "{kinds}");
    }
}
