//! Exports of `/v1/events`: CSV, NDJSON and GeoJSON of every event a filter matches, with
//! no row cap. The body streams a keyset batch at a time (newest event date first, as the
//! JSON pages), so the server holds one batch, never the whole export, and a client reads
//! the first rows while the rest are still being fetched.
//!
//! The CSV columns are part of the contract: [`CSV_COLUMNS`], in that order, documented in
//! the README. New columns are only ever added at the end.

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::stream::{self, Stream};
use geoevents_store::{EventCursor, EventFilter, Store};
use serde_json::{Value, json};

use crate::dto::EventDto;
use crate::error::ApiError;
use crate::params::{self, Pairs};

/// Events fetched per database round trip while exporting.
const BATCH: u32 = 500;

/// The CSV header, in column order.
pub const CSV_COLUMNS: [&str; 28] = [
    "id",
    "kind",
    "plover",
    "cameo",
    "actor_code",
    "actor_name",
    "actor_country",
    "actor_sector",
    "target_code",
    "target_name",
    "target_country",
    "target_sector",
    "location_name",
    "location_country",
    "lat",
    "lon",
    "date_start",
    "date_end",
    "date_precision",
    "quantity",
    "quantity_unit",
    "modality",
    "confidence",
    "source_count",
    "first_reported_at",
    "summary",
    "evidence_sentence",
    "evidence_url",
];

/// A format an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `text/csv`: one row per event, [`CSV_COLUMNS`].
    Csv,
    /// `application/x-ndjson`: the JSON event of the list pages, one a line.
    Ndjson,
    /// `application/geo+json`: a FeatureCollection, one Feature per event.
    GeoJson,
}

impl Format {
    /// Its name in `format=` and in the entity tag.
    pub fn name(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Ndjson => "ndjson",
            Format::GeoJson => "geojson",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Ndjson => "application/x-ndjson",
            Format::GeoJson => "application/geo+json",
        }
    }
}

/// The export format a request asks for: `format=` wins over `Accept`; `None` is the JSON
/// page. An unknown `format` value is the client's error.
pub fn requested(pairs: &mut Pairs, headers: &HeaderMap) -> Result<Option<Format>, ApiError> {
    if let Some(value) = params::take_one(pairs, "format") {
        return match value.as_str() {
            "json" => Ok(None),
            "csv" => Ok(Some(Format::Csv)),
            "ndjson" => Ok(Some(Format::Ndjson)),
            "geojson" => Ok(Some(Format::GeoJson)),
            other => Err(ApiError::bad_field(
                "format",
                format!("'{other}' is not one of json, csv, ndjson, geojson"),
            )),
        };
    }
    let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
    // The first media type listed that names an export; `application/json` or `*/*` first
    // keeps the JSON page.
    for media in accept.split(',').map(|m| m.split(';').next().unwrap_or("").trim().to_ascii_lowercase()) {
        match media.as_str() {
            "text/csv" => return Ok(Some(Format::Csv)),
            "application/x-ndjson" | "application/ndjson" => return Ok(Some(Format::Ndjson)),
            "application/geo+json" => return Ok(Some(Format::GeoJson)),
            "application/json" | "*/*" | "application/*" => return Ok(None),
            _ => {}
        }
    }
    Ok(None)
}

/// The streamed export of every event `filter` matches.
pub fn respond(store: Store, filter: EventFilter, format: Format) -> Response {
    let body = Body::from_stream(batches(store, filter, format));
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    let disposition = match format {
        Format::Csv => "attachment; filename=\"events.csv\"",
        Format::Ndjson => "attachment; filename=\"events.ndjson\"",
        Format::GeoJson => "attachment; filename=\"events.geojson\"",
    };
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(disposition));
    response
}

/// Where the stream is: before the first batch, after a batch that ended at a cursor, or done.
enum Position {
    Start,
    After(EventCursor),
    Done,
}

/// The body: a prologue, the events a batch at a time, an epilogue. A database error midway
/// ends the stream with an error, so the client sees a broken transfer rather than an export
/// that looks complete.
fn batches(store: Store, filter: EventFilter, format: Format) -> impl Stream<Item = Result<Bytes, ApiError>> {
    stream::unfold((Position::Start, store, filter), move |(position, store, filter)| async move {
        let cursor = match position {
            Position::Done => return None,
            Position::Start => None,
            Position::After(cursor) => Some(cursor),
        };
        let first = cursor.is_none();
        let page = match store.list_events(&filter, cursor, BATCH).await {
            Ok(page) => page,
            Err(err) => return Some((Err(ApiError::from(err)), (Position::Done, store, filter))),
        };
        let dtos: Vec<EventDto> = page.events.iter().map(EventDto::from).collect();
        let mut out = encode(format, &dtos, first);
        let next = match page.next_cursor {
            Some(cursor) => Position::After(cursor),
            None => {
                epilogue(format, &mut out);
                Position::Done
            }
        };
        Some((Ok(Bytes::from(out)), (next, store, filter)))
    })
}

/// One batch in `format`; the first batch opens the document (the CSV header, the
/// FeatureCollection).
fn encode(format: Format, events: &[EventDto], first: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(events.len() * 512);
    match format {
        Format::Csv => {
            // One writer a batch: RFC 4180 quoting of commas, quotes and line breaks.
            let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(out);
            if first {
                let _ = writer.write_record(CSV_COLUMNS);
            }
            for event in events {
                let _ = writer.write_record(csv_fields(event));
            }
            return writer.into_inner().unwrap_or_default();
        }
        Format::Ndjson => {
            for event in events {
                // Serialising our own DTO cannot fail: every map key is a string.
                if serde_json::to_writer(&mut out, event).is_ok() {
                    out.push(b'\n');
                }
            }
        }
        Format::GeoJson => {
            if first {
                out.extend_from_slice(br#"{"type":"FeatureCollection","features":["#);
            }
            for (i, event) in events.iter().enumerate() {
                if !(first && i == 0) {
                    out.push(b',');
                }
                if serde_json::to_writer(&mut out, &feature(event)).is_ok() {
                    out.push(b'\n');
                }
            }
        }
    }
    out
}

fn epilogue(format: Format, out: &mut Vec<u8>) {
    if format == Format::GeoJson {
        out.extend_from_slice(b"]}\n");
    }
}

fn csv_fields(e: &EventDto) -> Vec<String> {
    let f = &e.fields;
    let text = |v: Option<&str>| v.unwrap_or("").to_owned();
    let number = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
    let actor = |a: Option<&crate::dto::ActorDto>| {
        [
            text(a.map(|a| a.code.as_str())),
            text(a.map(|a| a.name.as_str())),
            text(a.and_then(|a| a.country.as_deref())),
            text(a.and_then(|a| a.sector)),
        ]
    };
    let evidence = e.evidence.first();
    let mut row = vec![e.id.clone(), f.kind.to_owned(), text(f.plover), f.cameo.to_string()];
    row.extend(actor(f.actor.as_ref()));
    row.extend(actor(f.target.as_ref()));
    row.extend([
        text(f.location.as_ref().map(|l| l.name.as_str())),
        text(f.location.as_ref().and_then(|l| l.country.as_deref())),
        number(f.location.as_ref().and_then(|l| l.lat)),
        number(f.location.as_ref().and_then(|l| l.lon)),
        f.when.as_ref().map(|w| w.start.to_string()).unwrap_or_default(),
        f.when.as_ref().map(|w| w.end.to_string()).unwrap_or_default(),
        text(f.when.as_ref().map(|w| w.precision)),
        number(f.quantity.as_ref().map(|q| q.value)),
        text(f.quantity.as_ref().map(|q| q.unit.as_str())),
        f.modality.to_owned(),
        f.confidence.to_string(),
        e.source_count.to_string(),
        e.first_reported_at.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)).unwrap_or_default(),
        f.summary.clone(),
        text(evidence.map(|ev| ev.sentence.as_str())),
        text(evidence.and_then(|ev| ev.url.as_deref())),
    ]);
    row
}

/// A GeoJSON Feature: the event's place as a Point (`null` geometry when it has no
/// coordinates, as RFC 7946 allows), the JSON event as its properties.
fn feature(e: &EventDto) -> Value {
    let point = e.fields.location.as_ref().and_then(|l| Some((l.lon?, l.lat?)));
    let geometry = match point {
        Some((lon, lat)) => json!({"type": "Point", "coordinates": [lon, lat]}),
        None => Value::Null,
    };
    json!({"type": "Feature", "id": e.id, "geometry": geometry, "properties": e})
}
