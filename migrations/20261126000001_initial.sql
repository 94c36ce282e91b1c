-- The initial schema: actors, articles, events, their sources, and the change log.
--
-- Distribution notes (see ARCHITECTURE.md): articles are keyed by article id, events and
-- event_sources by event id, actors is a small reference table. Idempotency keys live in
-- their own table keyed by the key itself, so no unique constraint spans a non-key column.

create table actors (
    code text primary key,
    name text not null,
    kind text not null,
    country text,
    aliases text[] not null default '{}'
);

create table articles (
    id uuid primary key,
    url text,
    canonical_url text,
    source_domain text,
    source text,
    title text,
    published_at timestamptz,
    published_at_source text not null,
    language text,
    byline text,
    format text not null check (format in ('text', 'html')),
    body text not null,
    content_hash text not null,
    diagnostics jsonb not null default '[]'::jsonb,
    extractor_version text not null,
    ingested_at timestamptz not null default now(),
    tsv tsvector generated always as (
        to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || body)
    ) stored
);

create index articles_tsv_idx on articles using gin (tsv);
create index articles_published_idx on articles (published_at desc nulls last, id desc);

-- One row per idempotency key of an article: 'url:<canonical url>' and 'hash:<content hash>'.
create table article_keys (
    key text primary key,
    article_id uuid not null references articles (id)
);

-- Every change to an event takes the next value; the change feed and ETags are built on it.
create sequence event_seq as bigint;

create table events (
    id uuid primary key,
    kind text not null,
    plover text,
    cameo text not null,
    actor_code text,
    actor_name text,
    actor_country text,
    actor_sector text,
    target_code text,
    target_name text,
    target_country text,
    target_sector text,
    location_name text,
    location_country text,
    location_lat double precision,
    location_lon double precision,
    location_precision text,
    when_start date,
    when_end date,
    when_precision text,
    when_text text,
    -- The day the event is filed under in lists and timelines: its start date, else the day
    -- it was first reported.
    event_date date not null,
    quantity jsonb,
    modality text not null,
    attribution text,
    quote jsonb,
    summary text not null,
    confidence real not null check (confidence >= 0 and confidence <= 1),
    source_count integer not null default 0,
    first_reported_at timestamptz,
    last_reported_at timestamptz,
    seq bigint not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    retracted_at timestamptz,
    -- Analyst corrections: the corrected fields, who and when; the extractor's values stay in
    -- event_sources.extracted.
    corrections jsonb
);

create unique index events_seq_key on events (seq);
create index events_list_idx on events (event_date desc, id desc);
create index events_kind_idx on events (kind, event_date desc);
create index events_plover_idx on events (plover, event_date desc);
create index events_actor_idx on events (actor_code, event_date desc);
create index events_target_idx on events (target_code, event_date desc);
create index events_actor_country_idx on events (actor_country, event_date desc);
create index events_target_country_idx on events (target_country, event_date desc);
create index events_location_country_idx on events (location_country, event_date desc);

create table event_sources (
    id uuid primary key,
    event_id uuid not null references events (id),
    article_id uuid not null references articles (id),
    -- The event exactly as the extractor found it in this article.
    extracted jsonb not null,
    sentence text not null,
    start_offset integer not null,
    end_offset integer not null,
    evidence_text text not null,
    attribution text,
    quote jsonb,
    modality text not null,
    quantity jsonb,
    confidence real not null,
    merge_reason jsonb,
    extractor_version text not null,
    added_at timestamptz not null default now(),
    tsv tsvector generated always as (to_tsvector('english'::regconfig, evidence_text)) stored
);

create index event_sources_event_idx on event_sources (event_id, added_at);
create index event_sources_article_idx on event_sources (article_id);
create index event_sources_tsv_idx on event_sources using gin (tsv);

create table event_changes (
    seq bigint primary key,
    event_id uuid not null,
    op text not null,
    changed_by text not null,
    changed_at timestamptz not null default now(),
    detail jsonb
);

create index event_changes_event_idx on event_changes (event_id, seq);
