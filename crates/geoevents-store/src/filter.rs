//! Event filters shared by `/v1/events` and `/v1/timeline`, and the keyset cursor. Every value
//! is bound, never spliced into SQL.

use chrono::NaiveDate;
use geoevents_domain::{Event, Kind, Modality, Plover};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

/// Which events a query selects. Empty lists mean "any"; `modalities` empty means the
/// default view (asserted and claimed).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EventFilter {
    /// Any of these kinds.
    pub kinds: Vec<Kind>,
    /// Any of these PLOVER types.
    pub plovers: Vec<Plover>,
    /// Actor code, or the country the actor belongs to, is one of these.
    pub actors: Vec<String>,
    /// Target code, or the country the target belongs to, is one of these.
    pub targets: Vec<String>,
    /// The actor, the target or the location is in one of these countries.
    pub countries: Vec<String>,
    /// Event date on or after this day.
    pub from: Option<NaiveDate>,
    /// Event date on or before this day.
    pub to: Option<NaiveDate>,
    /// Any of these modalities; empty means asserted and claimed.
    pub modalities: Vec<Modality>,
    /// Confidence at least this.
    pub min_confidence: Option<f32>,
    /// Full-text query over the evidence sentences (web-search syntax).
    pub q: Option<String>,
    /// Include events an analyst retracted.
    pub include_retracted: bool,
}

/// The most index scans one page is split into (see [`EventFilter::branches`]).
const MAX_BRANCHES: usize = 16;

/// Position after the last event of a page: events sort by event date, then id, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventCursor {
    /// Event date of the last event returned.
    pub event_date: NaiveDate,
    /// Id of the last event returned.
    pub id: Uuid,
}

/// One page of events.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPage {
    /// The events, newest first.
    pub events: Vec<Event>,
    /// Where the next page starts; `None` on the last page.
    pub next_cursor: Option<EventCursor>,
}

impl EventFilter {
    /// The modalities the filter selects, with the default applied.
    pub fn effective_modalities(&self) -> Vec<Modality> {
        if self.modalities.is_empty() {
            Modality::ALL.iter().copied().filter(|m| m.is_default_visible()).collect()
        } else {
            self.modalities.clone()
        }
    }

    /// The equalities one of which every matching event meets, one per column and value of
    /// the most selective list filter (actors, else targets, else countries, else kinds), when
    /// there are at most [`MAX_BRANCHES`]: each is served by an index in event-date order, so
    /// a page reads a page's worth of rows from each instead of walking every date in range.
    ///
    /// Returns the equalities and the filter without that list (each branch meets it by
    /// construction; left in, it would make the planner think a branch matches a handful of
    /// rows and read all of them to sort).
    pub(crate) fn branches(&self) -> Option<(Vec<(&'static str, String)>, EventFilter)> {
        const ACTOR: &[&str] = &["e.actor_code", "e.actor_country"];
        const TARGET: &[&str] = &["e.target_code", "e.target_country"];
        const COUNTRY: &[&str] =
            &["e.actor_code", "e.actor_country", "e.target_code", "e.target_country", "e.location_country"];
        let kinds: Vec<String> = self.kinds.iter().map(|k| k.as_str().to_owned()).collect();
        let mut rest = self.clone();
        let (columns, values): (&[&str], &[String]) = if !self.actors.is_empty() {
            rest.actors.clear();
            (ACTOR, &self.actors)
        } else if !self.targets.is_empty() {
            rest.targets.clear();
            (TARGET, &self.targets)
        } else if !self.countries.is_empty() {
            rest.countries.clear();
            (COUNTRY, &self.countries)
        } else if !kinds.is_empty() {
            rest.kinds.clear();
            (&["e.kind"], &kinds)
        } else {
            return None;
        };
        let branches: Vec<(&'static str, String)> =
            columns.iter().flat_map(|c| values.iter().map(move |v| (*c, v.clone()))).collect();
        (branches.len() <= MAX_BRANCHES).then_some((branches, rest))
    }

    /// The full-text words, if any.
    pub(crate) fn search_words(&self) -> Option<&str> {
        self.q.as_deref().filter(|q| !q.trim().is_empty())
    }

    /// The modalities the filter selects, as stored.
    pub(crate) fn effective_modality_names(&self) -> Vec<String> {
        self.effective_modalities().iter().map(|m| m.as_str().to_owned()).collect()
    }

    /// Whether the day counts (per event date, kind and modality, live events only) answer
    /// this filter's timeline: `Some(None)` for any kind, `Some(Some(kinds))` for those
    /// kinds (a PLOVER filter becomes the kinds of those types), `None` when the filter
    /// looks at anything else and the events themselves must be counted.
    pub(crate) fn counted_kinds(&self) -> Option<Option<Vec<String>>> {
        let counted = self.actors.is_empty()
            && self.targets.is_empty()
            && self.countries.is_empty()
            && self.min_confidence.is_none()
            && self.search_words().is_none()
            && !self.include_retracted;
        if !counted {
            return None;
        }
        if self.kinds.is_empty() && self.plovers.is_empty() {
            return Some(None);
        }
        let kinds = Kind::ALL
            .iter()
            .filter(|k| self.kinds.is_empty() || self.kinds.contains(k))
            .filter(|k| self.plovers.is_empty() || k.plover().is_some_and(|p| self.plovers.contains(&p)))
            .map(|k| k.as_str().to_owned())
            .collect();
        Some(Some(kinds))
    }

    /// Appends ` and <condition>` for every constraint; the query must already have a
    /// `where` clause over `events e`.
    pub(crate) fn push_conditions(&self, qb: &mut QueryBuilder<Postgres>) {
        let strings = |items: &[Kind]| items.iter().map(|k| k.as_str().to_owned()).collect::<Vec<_>>();
        if !self.kinds.is_empty() {
            qb.push(" and e.kind = any(").push_bind(strings(&self.kinds)).push(")");
        }
        if !self.plovers.is_empty() {
            let plovers: Vec<String> = self.plovers.iter().map(|p| p.as_str().to_owned()).collect();
            qb.push(" and e.plover = any(").push_bind(plovers).push(")");
        }
        if !self.actors.is_empty() {
            qb.push(" and (e.actor_code = any(")
                .push_bind(self.actors.clone())
                .push(") or e.actor_country = any(")
                .push_bind(self.actors.clone())
                .push("))");
        }
        if !self.targets.is_empty() {
            qb.push(" and (e.target_code = any(")
                .push_bind(self.targets.clone())
                .push(") or e.target_country = any(")
                .push_bind(self.targets.clone())
                .push("))");
        }
        if !self.countries.is_empty() {
            qb.push(" and (");
            let columns = [
                "e.actor_code",
                "e.actor_country",
                "e.target_code",
                "e.target_country",
                "e.location_country",
            ];
            for (i, column) in columns.iter().enumerate() {
                if i > 0 {
                    qb.push(" or ");
                }
                qb.push(*column).push(" = any(").push_bind(self.countries.clone()).push(")");
            }
            qb.push(")");
        }
        if let Some(from) = self.from {
            qb.push(" and e.event_date >= ").push_bind(from);
        }
        if let Some(to) = self.to {
            qb.push(" and e.event_date <= ").push_bind(to);
        }
        qb.push(" and e.modality = any(").push_bind(self.effective_modality_names()).push(")");
        if let Some(min) = self.min_confidence {
            qb.push(" and e.confidence >= ").push_bind(min);
        }
        if let Some(q) = self.search_words() {
            // A semi-join the planner may drive from the full-text index (timelines count
            // every match); pages search the newest events first (`Store::list_events`).
            qb.push(
                " and e.id in (select s.event_id from event_sources s \
                 where s.tsv @@ websearch_to_tsquery('english', ",
            )
            .push_bind(q.to_owned())
            .push("))");
        }
        // Events folded into another are tombstones; the surviving event counts for them.
        qb.push(" and e.merged_into is null");
        if !self.include_retracted {
            qb.push(" and e.retracted_at is null");
        }
    }
}
