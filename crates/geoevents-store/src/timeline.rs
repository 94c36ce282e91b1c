//! Timelines: how many events (not articles) fall in each day, week or month, split by kind.

use std::collections::BTreeMap;

use chrono::{Datelike, Days, Months, NaiveDate};
use geoevents_domain::Kind;
use sqlx::{Postgres, QueryBuilder};

use crate::filter::EventFilter;
use crate::{Store, StoreError};

/// Bucket width of a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineGranularity {
    /// Calendar days.
    Day,
    /// ISO weeks, starting on Monday.
    Week,
    /// Calendar months.
    Month,
}

/// The most buckets a timeline fills with zeros; wider ranges list non-empty buckets only.
const MAX_DENSE_BUCKETS: usize = 5_000;

/// One bucket of a timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineBucket {
    /// First day of the bucket.
    pub start: NaiveDate,
    /// Events in the bucket.
    pub total: i64,
    /// Events per kind; kinds with none are absent.
    pub by_kind: BTreeMap<Kind, i64>,
}

impl TimelineGranularity {
    fn as_sql(self) -> &'static str {
        match self {
            TimelineGranularity::Day => "day",
            TimelineGranularity::Week => "week",
            TimelineGranularity::Month => "month",
        }
    }

    /// First day of the bucket holding `date`.
    pub fn bucket_start(self, date: NaiveDate) -> NaiveDate {
        match self {
            TimelineGranularity::Day => date,
            TimelineGranularity::Week => date - Days::new(u64::from(date.weekday().num_days_from_monday())),
            TimelineGranularity::Month => date.with_day(1).unwrap_or(date),
        }
    }

    fn next(self, start: NaiveDate) -> Option<NaiveDate> {
        match self {
            TimelineGranularity::Day => start.checked_add_days(Days::new(1)),
            TimelineGranularity::Week => start.checked_add_days(Days::new(7)),
            TimelineGranularity::Month => start.checked_add_months(Months::new(1)),
        }
    }
}

impl Store {
    /// Event counts per bucket for the events matching `filter`, each event counted once on
    /// its event date. Between the first and last bucket (or `from` and `to` when given),
    /// empty buckets are included with zero counts.
    pub async fn timeline(
        &self,
        filter: &EventFilter,
        granularity: TimelineGranularity,
    ) -> Result<Vec<TimelineBucket>, StoreError> {
        let mut qb = QueryBuilder::<Postgres>::new("select date_trunc(");
        qb.push_bind(granularity.as_sql());
        match filter.counted_kinds() {
            // Sums of the day counts (a few rows a day) instead of a count of the events.
            Some(kinds) => {
                qb.push(
                    ", c.event_date::timestamp)::date as bucket, c.kind, sum(c.n)::bigint as n \
                     from event_day_counts c where c.modality = any(",
                )
                .push_bind(filter.effective_modality_names());
                if let Some(kinds) = kinds {
                    qb.push(") and c.kind = any(").push_bind(kinds);
                }
                qb.push(")");
                if let Some(from) = filter.from {
                    qb.push(" and c.event_date >= ").push_bind(from);
                }
                if let Some(to) = filter.to {
                    qb.push(" and c.event_date <= ").push_bind(to);
                }
                qb.push(" group by 1, 2 having sum(c.n) > 0 order by 1, 2");
            }
            None => {
                qb.push(", e.event_date::timestamp)::date as bucket, e.kind, count(*) as n from events e where true");
                filter.push_conditions(&mut qb);
                qb.push(" group by 1, 2 order by 1, 2");
            }
        }
        let rows: Vec<(NaiveDate, String, i64)> = qb.build_query_as().fetch_all(self.pool()).await?;

        let mut buckets: BTreeMap<NaiveDate, TimelineBucket> = BTreeMap::new();
        for (start, kind, count) in rows {
            let kind: Kind =
                kind.parse().map_err(|_| StoreError::Corrupt(format!("unknown kind '{kind}'")))?;
            let bucket = buckets.entry(start).or_insert_with(|| TimelineBucket {
                start,
                total: 0,
                by_kind: BTreeMap::new(),
            });
            bucket.total += count;
            *bucket.by_kind.entry(kind).or_insert(0) += count;
        }
        let first = filter.from.map(|d| granularity.bucket_start(d)).or(buckets.keys().next().copied());
        let last = filter.to.map(|d| granularity.bucket_start(d)).or(buckets.keys().next_back().copied());
        if let (Some(first), Some(last)) = (first, last) {
            let mut day = first;
            let mut filled = 0;
            while day <= last && filled < MAX_DENSE_BUCKETS {
                buckets.entry(day).or_insert_with(|| TimelineBucket {
                    start: day,
                    total: 0,
                    by_kind: BTreeMap::new(),
                });
                filled += 1;
                match granularity.next(day) {
                    Some(next) => day = next,
                    None => break,
                }
            }
        }
        Ok(buckets.into_values().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_start_on_the_day_the_monday_or_the_first() {
        let d = NaiveDate::from_ymd_opt(2024, 10, 25).unwrap_or_default();
        assert_eq!(TimelineGranularity::Day.bucket_start(d), d);
        assert_eq!(
            TimelineGranularity::Week.bucket_start(d),
            NaiveDate::from_ymd_opt(2024, 10, 21).unwrap_or_default()
        );
        assert_eq!(
            TimelineGranularity::Month.bucket_start(d),
            NaiveDate::from_ymd_opt(2024, 10, 1).unwrap_or_default()
        );
    }
}
