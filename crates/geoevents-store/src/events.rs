//! Reading events: filtered, keyset-paginated lists and single events with all their sources.

use geoevents_domain::{ArticleId, Event, EventId, EventSource};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use crate::filter::{EventCursor, EventFilter, EventPage};
use crate::rows::{EVENT_COLUMNS, EventRow, SourceRow};
use crate::{Store, StoreError};

/// How many sources list views carry per event; the event itself has them all.
pub(crate) const SOURCES_IN_LISTS: i64 = 10;

/// How many of the newest events a full-text page searches in order first.
const NEWEST_FIRST: i64 = 500;

/// Below this many matching sources, the full-text index lists them all to sort.
const FEW_MATCHES: i64 = 5_000;

/// How many of the newest events a page of words with many matches searches next.
const NEWEST_WIDER: i64 = 20_000;

/// How a page matches full-text words.
#[derive(Clone, Copy)]
enum Search<'a> {
    /// No words.
    None,
    /// The newest so many events, in order, each checked for the words.
    Newest(&'a str, i64),
    /// Every event the full-text index finds for the words.
    Index(&'a str),
}

/// Appends the keyset condition: events after `cursor` in list order.
fn push_cursor(qb: &mut QueryBuilder<Postgres>, cursor: Option<EventCursor>) {
    if let Some(cursor) = cursor {
        qb.push(" and (e.event_date, e.id) < (")
            .push_bind(cursor.event_date)
            .push(", ")
            .push_bind(cursor.id)
            .push(")");
    }
}

impl Store {
    /// One page of events matching `filter`, newest event date first, after `cursor`.
    /// Keyset pagination: concurrent inserts never make a page repeat or skip an event that
    /// existed when the first page was read.
    ///
    /// A full-text page is found the way the words call for, each step bounded whatever
    /// the planner estimates for a combination of words it cannot know. Common words fill a
    /// page from the newest events: the first [`NEWEST_FIRST`] events after the cursor (that
    /// pass the other filters) are searched in order. When they do not, the full-text index
    /// counts the matching sources up to [`FEW_MATCHES`]: fewer, and it lists them all to
    /// sort; more, and the newest [`NEWEST_WIDER`] events are searched in order, and only
    /// if even they do not fill the page is every match sorted.
    pub async fn list_events(
        &self,
        filter: &EventFilter,
        cursor: Option<EventCursor>,
        limit: u32,
    ) -> Result<EventPage, StoreError> {
        let limit = i64::from(limit.max(1));
        let mut rows = match filter.search_words() {
            None => self.page_rows(filter, cursor, limit, Search::None).await?,
            Some(words) => {
                let rest = EventFilter { q: None, ..filter.clone() };
                let newest =
                    self.page_rows(&rest, cursor, limit, Search::Newest(words, NEWEST_FIRST)).await?;
                if newest.len() as i64 > limit {
                    newest
                } else if self.fewer_sources_than(words, FEW_MATCHES).await? {
                    self.page_rows(&rest, cursor, limit, Search::Index(words)).await?
                } else {
                    let wider =
                        self.page_rows(&rest, cursor, limit, Search::Newest(words, NEWEST_WIDER)).await?;
                    if wider.len() as i64 > limit {
                        wider
                    } else {
                        self.page_rows(&rest, cursor, limit, Search::Index(words)).await?
                    }
                }
            }
        };
        let next_cursor = if rows.len() as i64 > limit {
            rows.truncate(limit as usize);
            rows.last().map(|r| EventCursor { event_date: r.event_date, id: r.id })
        } else {
            None
        };
        let events = self.attach_sources(rows, SOURCES_IN_LISTS, None).await?;
        Ok(EventPage { events, next_cursor })
    }

    /// Whether fewer than `bound` sources match the words (reading at most `bound`).
    async fn fewer_sources_than(&self, words: &str, bound: i64) -> Result<bool, StoreError> {
        let found: i64 = sqlx::query_scalar(
            "select count(*) from (select 1 from event_sources s \
             where s.tsv @@ websearch_to_tsquery('english', $1) limit $2) as hits",
        )
        .bind(words)
        .bind(bound)
        .fetch_one(self.pool())
        .await?;
        Ok(found < bound)
    }

    /// Up to `limit + 1` rows of a page; `search` says how full-text words are matched (the
    /// filter itself then has none).
    async fn page_rows(
        &self,
        filter: &EventFilter,
        cursor: Option<EventCursor>,
        limit: i64,
        search: Search<'_>,
    ) -> Result<Vec<EventRow>, StoreError> {
        let mut qb = QueryBuilder::<Postgres>::new("");
        if let (Search::None, Some((branches, rest))) = (search, filter.branches()) {
            // The newest ids of each branch, merged: the page is among them.
            qb.push("select ").push(EVENT_COLUMNS).push(" from (select k.id from (");
            for (i, (column, value)) in branches.into_iter().enumerate() {
                if i > 0 {
                    qb.push(" union ");
                }
                qb.push("(select e.id, e.event_date from events e where ")
                    .push(column)
                    .push(" = ")
                    .push_bind(value);
                rest.push_conditions(&mut qb);
                push_cursor(&mut qb, cursor);
                qb.push(" order by e.event_date desc, e.id desc limit ").push_bind(limit + 1).push(")");
            }
            qb.push(") k order by k.event_date desc, k.id desc limit ")
                .push_bind(limit + 1)
                .push(") page join events e on e.id = page.id order by e.event_date desc, e.id desc");
            return Ok(qb.build_query_as().fetch_all(self.pool()).await?);
        }
        if let Search::Index(words) = search {
            qb.push(
                "with hits as materialized (select distinct s.event_id from event_sources s \
                 where s.tsv @@ websearch_to_tsquery('english', ",
            )
            .push_bind(words.to_owned())
            .push(")) ");
        }
        qb.push("select ").push(EVENT_COLUMNS).push(" from ");
        match search {
            Search::None => qb.push("events e where true"),
            Search::Newest(..) => qb.push("(select e.* from events e where true"),
            Search::Index(_) => qb.push("hits join events e on e.id = hits.event_id where true"),
        };
        filter.push_conditions(&mut qb);
        push_cursor(&mut qb, cursor);
        if let Search::Newest(words, window) = search {
            qb.push(" order by e.event_date desc, e.id desc limit ")
                .push_bind(window)
                .push(
                    ") e where exists (select 1 from event_sources s where s.event_id = e.id \
                       and s.tsv @@ websearch_to_tsquery('english', ",
                )
                .push_bind(words.to_owned())
                .push("))");
        }
        qb.push(" order by e.event_date desc, e.id desc limit ").push_bind(limit + 1);
        Ok(qb.build_query_as().fetch_all(self.pool()).await?)
    }

    /// The latest change-feed position: it moves whenever any event changes, so it versions
    /// every event list and timeline.
    pub async fn latest_seq(&self) -> Result<i64, StoreError> {
        let seq = sqlx::query_scalar!(r#"select coalesce(max(seq), 0) as "seq!" from event_changes"#)
            .fetch_one(self.pool())
            .await?;
        Ok(seq)
    }

    /// The event with this id, with every source. Retracted events are returned too (their
    /// `retracted_at` says so).
    pub async fn event(&self, id: EventId) -> Result<Option<Event>, StoreError> {
        let mut events = self.events_by_ids(&[id], i64::MAX, None).await?;
        Ok(events.pop())
    }

    /// Events by id, in the order given, skipping unknown ids, each with up to `per_event`
    /// sources. With `article`, that article's sources come first in each event's list.
    pub(crate) async fn events_by_ids(
        &self,
        ids: &[EventId],
        per_event: i64,
        article: Option<ArticleId>,
    ) -> Result<Vec<Event>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let uuids: Vec<Uuid> = ids.iter().map(|id| id.0).collect();
        let mut qb = QueryBuilder::<Postgres>::new("select ");
        qb.push(EVENT_COLUMNS).push(" from events e where e.id = any(").push_bind(uuids.clone()).push(")");
        let mut rows: Vec<EventRow> = qb.build_query_as().fetch_all(self.pool()).await?;
        rows.sort_by_key(|row| uuids.iter().position(|id| *id == row.id));
        self.attach_sources(rows, per_event, article).await
    }

    /// Loads up to `per_event` sources of each row (oldest first, `first_article`'s first)
    /// and converts the rows to events. Both halves read through indexes, so an event with
    /// ten thousand sources costs what one with ten does.
    async fn attach_sources(
        &self,
        rows: Vec<EventRow>,
        per_event: i64,
        first_article: Option<ArticleId>,
    ) -> Result<Vec<Event>, StoreError> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
        let preferred = first_article.map(|a| a.0);
        let sources: Vec<SourceRow> = sqlx::query_as!(
            SourceRow,
            r#"
            select s.id as "id!", s.event_id as "event_id!", s.article_id as "article_id!",
                a.url, a.title, a.source_domain, a.published_at,
                s.extracted as "extracted!: _", s.merge_reason as "merge_reason: _",
                s.extractor_version as "extractor_version!", s.added_at as "added_at!"
            from unnest($1::uuid[]) as wanted(event_id)
            cross join lateral (
                (select * from event_sources s
                 where s.event_id = wanted.event_id and s.article_id = $3
                 order by s.added_at, s.id limit $2)
                union all
                (select * from event_sources s
                 where s.event_id = wanted.event_id and s.article_id is distinct from $3
                 order by s.added_at, s.id limit $2)
            ) s
            cross join lateral (
                select a.url, a.title, a.source_domain, a.published_at from articles a where a.id = s.article_id
            ) a
            "#,
            &ids,
            per_event,
            preferred as Option<Uuid>,
        )
        .fetch_all(self.pool())
        .await?;
        let mut by_event: std::collections::HashMap<Uuid, Vec<(bool, SourceRow)>> =
            std::collections::HashMap::new();
        for source in sources {
            let is_preferred = Some(source.article_id) == preferred;
            by_event.entry(source.event_id).or_default().push((is_preferred, source));
        }
        rows.into_iter()
            .map(|row| {
                let mut sources = by_event.remove(&row.id).unwrap_or_default();
                sources.sort_by(|(pa, a), (pb, b)| {
                    pb.cmp(pa).then(a.added_at.cmp(&b.added_at)).then(a.id.cmp(&b.id))
                });
                let sources: Vec<EventSource> = sources
                    .into_iter()
                    .take(usize::try_from(per_event).unwrap_or(usize::MAX))
                    .map(|(_, s)| s.into_source())
                    .collect();
                row.into_event(sources)
            })
            .collect()
    }
}
