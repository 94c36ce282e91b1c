//! Public identifiers and cursors. Ids on the wire are typed and time-sortable: a prefix
//! (`art_`, `evt_`, `src_`) and the 128-bit UUID v7 in 26 characters of Crockford base32, the
//! ULID spelling. Raw UUIDs are accepted on the way in too. Cursors are opaque strings.

use chrono::NaiveDate;
use geoevents_domain::{ArticleId, EventId, SourceId};
use geoevents_store::EventCursor;
use uuid::Uuid;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn encode(uuid: Uuid) -> String {
    let mut value = uuid.as_u128();
    let mut out = [0u8; 26];
    for slot in out.iter_mut().rev() {
        *slot = ALPHABET[(value & 31) as usize];
        value >>= 5;
    }
    out.iter().map(|&b| b as char).collect()
}

fn decode(text: &str) -> Option<Uuid> {
    if text.len() != 26 {
        return Uuid::parse_str(text).ok();
    }
    let mut value: u128 = 0;
    for (i, c) in text.bytes().enumerate() {
        let c = match c.to_ascii_uppercase() {
            b'O' => b'0',
            b'I' | b'L' => b'1',
            other => other,
        };
        let digit = ALPHABET.iter().position(|&a| a == c)? as u128;
        // 26 digits hold 130 bits; the first may carry only the top 3.
        if i == 0 && digit > 7 {
            return None;
        }
        value = (value << 5) | digit;
    }
    Some(Uuid::from_u128(value))
}

/// `art_…` for an article id.
pub fn article_id(id: ArticleId) -> String {
    format!("art_{}", encode(id.0))
}

/// `evt_…` for an event id.
pub fn event_id(id: EventId) -> String {
    format!("evt_{}", encode(id.0))
}

/// `src_…` for an event-source id.
pub fn source_id(id: SourceId) -> String {
    format!("src_{}", encode(id.0))
}

/// Parses an article id (`art_…` or a UUID).
pub fn parse_article_id(text: &str) -> Option<ArticleId> {
    decode(text.strip_prefix("art_").unwrap_or(text)).map(ArticleId)
}

/// Parses an event id (`evt_…` or a UUID).
pub fn parse_event_id(text: &str) -> Option<EventId> {
    decode(text.strip_prefix("evt_").unwrap_or(text)).map(EventId)
}

/// Parses a source id (`src_…` or a UUID).
pub fn parse_source_id(text: &str) -> Option<SourceId> {
    decode(text.strip_prefix("src_").unwrap_or(text)).map(SourceId)
}

/// Encodes a list cursor: the event date and id of the last event of a page.
pub fn encode_cursor(cursor: EventCursor) -> String {
    format!("c1{}{}", cursor.event_date.format("%Y%m%d"), encode(cursor.id))
}

/// Decodes a list cursor made by [`encode_cursor`].
pub fn decode_cursor(text: &str) -> Option<EventCursor> {
    let rest = text.strip_prefix("c1")?;
    let date = NaiveDate::parse_from_str(rest.get(..8)?, "%Y%m%d").ok()?;
    let id = decode(rest.get(8..)?).filter(|_| rest.len() == 34)?;
    Some(EventCursor { event_date: date, id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_their_wire_form() {
        let uuid = Uuid::now_v7();
        let wire = event_id(EventId(uuid));
        assert!(wire.starts_with("evt_") && wire.len() == 30, "{wire}");
        assert_eq!(parse_event_id(&wire), Some(EventId(uuid)));
        assert_eq!(parse_event_id(&uuid.to_string()), Some(EventId(uuid)));
        assert_eq!(parse_article_id(&article_id(ArticleId(uuid))), Some(ArticleId(uuid)));
    }

    #[test]
    fn later_ids_sort_after_earlier_ones() {
        let a = event_id(EventId(Uuid::from_u128(1 << 80)));
        let b = event_id(EventId(Uuid::from_u128(2 << 80)));
        assert!(a < b);
    }

    #[test]
    fn garbage_ids_and_cursors_are_refused() {
        for text in ["", "evt_", "evt_ZZZZZZZZZZZZZZZZZZZZZZZZZZ", "evt_!!", "c1", "12345678"] {
            assert_eq!(parse_event_id(text), None, "{text}");
        }
        for text in ["", "c1", "c120241301AAAAAAAAAAAAAAAAAAAAAAAAAA", "c220241025", "c120241025"] {
            assert_eq!(decode_cursor(text), None, "{text}");
        }
    }

    #[test]
    fn cursors_round_trip() {
        let cursor = EventCursor {
            event_date: NaiveDate::from_ymd_opt(2024, 10, 25).unwrap_or_default(),
            id: Uuid::now_v7(),
        };
        assert_eq!(decode_cursor(&encode_cursor(cursor)), Some(cursor));
    }
}
