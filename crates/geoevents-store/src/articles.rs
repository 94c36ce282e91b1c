//! Articles: the idempotent, transactional ingest of one article with its extracted events,
//! and reading articles back.

use chrono::Utc;
use geoevents_domain::links;
use geoevents_domain::{
    Article, ArticleId, ArticleSummary, BodyFormat, Diagnostic, Event, EventId, Extraction,
};
use sqlx::types::Json;
use uuid::Uuid;

use crate::merge::{self, ArticleContext};
use crate::writes::{EventTx, retryable};
use crate::{Store, StoreError};

/// How many times an ingest runs again after PostgreSQL broke a lock cycle it was in.
const RETRIES: u32 = 3;

/// An article ready to be stored: its extraction plus what the client said about it.
#[derive(Debug, Clone, Copy)]
pub struct NewArticle<'a> {
    /// The URL the client gave.
    pub url: Option<&'a str>,
    /// The outlet name the client gave.
    pub source: Option<&'a str>,
    /// Text or HTML on the way in.
    pub format: BodyFormat,
    /// Normalised article, events and diagnostics.
    pub extraction: &'a Extraction,
    /// Version of the extractor that produced `extraction`.
    pub extractor_version: &'a str,
}

/// What ingesting an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// A new article was stored with these events.
    Created {
        /// The new article.
        article: ArticleId,
        /// Its events, in extraction order.
        events: Vec<EventId>,
    },
    /// The same canonical URL or the same text was stored before; nothing was written.
    Duplicate {
        /// The article stored earlier.
        article: ArticleId,
    },
}

/// The idempotency keys of an article: its canonical URL and its content hash.
fn article_keys(canonical_url: Option<&str>, content_hash: &str) -> Vec<String> {
    let mut keys = vec![format!("hash:{content_hash}")];
    if let Some(url) = canonical_url {
        keys.push(format!("url:{url}"));
    }
    keys
}

impl Store {
    /// Stores an article and its events in one transaction, unless an article with the same
    /// canonical URL or content hash exists: then nothing is written and the earlier article
    /// is returned. Concurrent ingests of the same article store it once; ingests of
    /// unrelated stories run in parallel.
    pub async fn ingest(&self, new: NewArticle<'_>) -> Result<IngestOutcome, StoreError> {
        let mut attempt = 0;
        loop {
            match self.ingest_once(new).await {
                Err(err) if attempt < RETRIES && retryable(&err) => {
                    attempt += 1;
                    tracing::info!(attempt, "ingest ran into a lock cycle; running it again");
                }
                outcome => return outcome,
            }
        }
    }

    async fn ingest_once(&self, new: NewArticle<'_>) -> Result<IngestOutcome, StoreError> {
        let article = &new.extraction.article;
        let keys = article_keys(article.canonical_url.as_deref(), &article.content_hash);
        if let Some(existing) = self.article_by_keys(&keys).await? {
            return Ok(IngestOutcome::Duplicate { article: existing });
        }

        let article_id = Uuid::now_v7();
        let mut tx = EventTx::ingest(self).await?;
        let source_domain = article.canonical_url.as_deref().or(new.url).and_then(links::outlet);
        sqlx::query!(
            r#"
            insert into articles (id, url, canonical_url, source_domain, source, title, published_at,
                published_at_source, language, byline, format, body, content_hash, diagnostics,
                extractor_version)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            "#,
            article_id,
            new.url,
            article.canonical_url,
            source_domain,
            new.source,
            article.title,
            article.published_at,
            article.published_at_source.as_str(),
            article.language,
            article.byline,
            new.format.as_str(),
            article.text,
            article.content_hash,
            Json(&new.extraction.diagnostics) as _,
            new.extractor_version,
        )
        .execute(&mut *tx.tx)
        .await?;

        // A concurrent ingest of the same article may have claimed a key since the check
        // above; the unique key decides, and the loser answers with the winner's article.
        let claimed = sqlx::query_scalar!(
            r#"
            insert into article_keys (key, article_id)
            select unnest($1::text[]), $2
            on conflict (key) do nothing
            returning key
            "#,
            &keys,
            article_id,
        )
        .fetch_all(&mut *tx.tx)
        .await?;
        if claimed.len() != keys.len() {
            tx.tx.rollback().await?;
            let existing = self.article_by_keys(&keys).await?.ok_or_else(|| {
                StoreError::Corrupt("an article key was claimed but its article is gone".to_owned())
            })?;
            return Ok(IngestOutcome::Duplicate { article: existing });
        }

        tx.lock_blocks(&new.extraction.events).await?;
        tx.stored_article(article_id);
        let context = ArticleContext {
            id: ArticleId(article_id),
            reported_at: article.published_at.unwrap_or_else(Utc::now),
            domain: source_domain.as_deref(),
            content_hash: &article.content_hash,
        };
        let mut events: Vec<EventId> = Vec::with_capacity(new.extraction.events.len());
        for id in merge::attach_all(&mut tx, &new.extraction.events, &context, new.extractor_version).await? {
            if !events.contains(&EventId(id)) {
                events.push(EventId(id));
            }
        }
        tx.commit().await?;
        Ok(IngestOutcome::Created { article: ArticleId(article_id), events })
    }

    async fn article_by_keys(&self, keys: &[String]) -> Result<Option<ArticleId>, StoreError> {
        let found = sqlx::query_scalar!(
            r#"select article_id from article_keys where key = any($1::text[]) order by key limit 1"#,
            keys,
        )
        .fetch_optional(self.pool())
        .await?;
        Ok(found.map(ArticleId))
    }

    /// Ids of articles stored without events because their extraction failed (their
    /// diagnostics carry `failed_code`), oldest first; with `other_than`, only those whose
    /// failure happened under another extractor version (after an upgrade, the ones worth
    /// another try); keyset-paginated by id (`after`).
    pub async fn failed_extractions(
        &self,
        failed_code: &str,
        other_than: Option<&str>,
        after: Option<ArticleId>,
        limit: i64,
    ) -> Result<Vec<ArticleId>, StoreError> {
        let marker = serde_json::json!([{ "code": failed_code }]);
        let ids = sqlx::query_scalar!(
            r#"
            select id from articles
            where diagnostics @> $1::jsonb
                and ($2::text is null or extractor_version <> $2)
                and ($3::uuid is null or id > $3)
            order by id
            limit $4
            "#,
            marker,
            other_than,
            after.map(|a| a.0),
            limit,
        )
        .fetch_all(self.pool())
        .await?;
        Ok(ids.into_iter().map(ArticleId).collect())
    }

    /// Gives an article whose extraction failed the events of a new extraction of its
    /// stored text, in one transaction: the events are attached (merged with reports from
    /// other articles) as at ingest, and the article's diagnostics and extractor version
    /// become the new extraction's. Returns `None`, writing nothing, when the article is
    /// gone or no longer marked with `failed_code` (another run filled it first).
    pub async fn fill_failed_extraction(
        &self,
        article_id: ArticleId,
        failed_code: &str,
        extraction: &Extraction,
        extractor_version: &str,
    ) -> Result<Option<Vec<EventId>>, StoreError> {
        let marker = serde_json::json!([{ "code": failed_code }]);
        let mut tx = EventTx::ingest(self).await?;
        tx.lock_blocks(&extraction.events).await?;
        let row = sqlx::query!(
            r#"
            select coalesce(published_at, ingested_at) as "reported_at!", source_domain, content_hash
            from articles
            where id = $1 and diagnostics @> $2::jsonb
            for update
            "#,
            article_id.0,
            marker,
        )
        .fetch_optional(&mut *tx.tx)
        .await?;
        let Some(row) = row else {
            tx.tx.rollback().await?;
            return Ok(None);
        };
        let context = ArticleContext {
            id: article_id,
            // As at ingest, where an undated article is reported when it arrived.
            reported_at: row.reported_at,
            domain: row.source_domain.as_deref(),
            content_hash: &row.content_hash,
        };
        tx.stored_article(article_id.0);
        let mut events: Vec<EventId> = Vec::with_capacity(extraction.events.len());
        for id in merge::attach_all(&mut tx, &extraction.events, &context, extractor_version).await? {
            if !events.contains(&EventId(id)) {
                events.push(EventId(id));
            }
        }
        sqlx::query!(
            "update articles set diagnostics = $2, extractor_version = $3 where id = $1",
            article_id.0,
            Json(&extraction.diagnostics) as _,
            extractor_version,
        )
        .execute(&mut *tx.tx)
        .await?;
        tx.commit().await?;
        Ok(Some(events))
    }

    /// The article with this id.
    pub async fn article(&self, id: ArticleId) -> Result<Option<Article>, StoreError> {
        let row = sqlx::query!(
            r#"
            select id, url, canonical_url, source_domain, source, title, published_at,
                published_at_source, language, byline, format, body, content_hash,
                diagnostics as "diagnostics: Json<Vec<Diagnostic>>", extractor_version, ingested_at
            from articles where id = $1
            "#,
            id.0,
        )
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(Article {
            id: ArticleId(row.id),
            url: row.url,
            canonical_url: row.canonical_url,
            source_domain: row.source_domain,
            source: row.source,
            title: row.title,
            published_at: row.published_at,
            published_at_source: row
                .published_at_source
                .parse()
                .map_err(|e: geoevents_domain::UnknownName| StoreError::Corrupt(e.to_string()))?,
            language: row.language,
            byline: row.byline,
            format: row
                .format
                .parse()
                .map_err(|e: geoevents_domain::UnknownName| StoreError::Corrupt(e.to_string()))?,
            text: row.body,
            content_hash: row.content_hash,
            diagnostics: row.diagnostics.0,
            extractor_version: row.extractor_version,
            ingested_at: row.ingested_at,
        }))
    }

    /// Articles, most recently ingested first, optionally matching a full-text query (web
    /// search syntax) over title and text; keyset-paginated by id (`before`).
    pub async fn list_articles(
        &self,
        q: Option<&str>,
        before: Option<ArticleId>,
        limit: u32,
    ) -> Result<(Vec<ArticleSummary>, Option<ArticleId>), StoreError> {
        let limit = i64::from(limit.max(1));
        let rows = sqlx::query!(
            r#"
            select a.id, a.url, a.source_domain, a.title, a.published_at, a.language, a.ingested_at,
                (select count(distinct s.event_id) from event_sources s where s.article_id = a.id) as "event_count!",
                case when $1::text is null then left(a.body, 280)
                     else ts_headline('english', a.body, websearch_to_tsquery('english', $1),
                                      'MaxWords=40, MinWords=15, StartSel=«, StopSel=»')
                end as "snippet!"
            from articles a
            where ($1::text is null or a.tsv @@ websearch_to_tsquery('english', $1))
              and ($2::uuid is null or a.id < $2)
            order by a.id desc
            limit $3
            "#,
            q,
            before.map(|b| b.0),
            limit + 1,
        )
        .fetch_all(self.pool())
        .await?;
        let mut summaries: Vec<ArticleSummary> = rows
            .into_iter()
            .map(|r| ArticleSummary {
                id: ArticleId(r.id),
                url: r.url,
                source_domain: r.source_domain,
                title: r.title,
                published_at: r.published_at,
                language: r.language,
                ingested_at: r.ingested_at,
                event_count: r.event_count,
                snippet: r.snippet,
            })
            .collect();
        let next = if summaries.len() as i64 > limit {
            summaries.truncate(limit as usize);
            summaries.last().map(|a| a.id)
        } else {
            None
        };
        Ok((summaries, next))
    }

    /// The events an article reports, in the order their evidence appears in it, each with
    /// this article's sources first and up to ten sources in all (`event` has them all).
    pub async fn article_events(&self, id: ArticleId) -> Result<Vec<Event>, StoreError> {
        let ids = sqlx::query_scalar!(
            r#"
            select event_id from event_sources
            where article_id = $1
            group by event_id
            order by min(start_offset), event_id
            "#,
            id.0,
        )
        .fetch_all(self.pool())
        .await?;
        let ids: Vec<EventId> = ids.into_iter().map(EventId).collect();
        self.events_by_ids(&ids, crate::events::SOURCES_IN_LISTS, Some(id)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_without_a_url_is_keyed_by_its_hash_alone() {
        assert_eq!(article_keys(None, "ab"), vec!["hash:ab".to_owned()]);
        assert_eq!(article_keys(Some("https://x.org/a"), "ab"), vec!["hash:ab", "url:https://x.org/a"]);
    }
}
