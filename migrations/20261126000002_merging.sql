-- Merging across articles and analyst corrections.
--
-- event_sources gain the fields the merge candidate search filters on (copied out of
-- `extracted` when the source is written), events gain the merge/lock/correction state.

alter table event_sources
    add column family text,
    add column actor_code text,
    add column target_code text,
    add column date_start date,
    add column date_end date,
    add column reported_at timestamptz,
    add column source_domain text,
    add column content_key text;

-- Rows written before this migration: derive what SQL can; the family follows
-- Kind::family() in geoevents-domain.
update event_sources s set
    family = case s.extracted ->> 'kind'
        when 'troop_deployment' then 'mobilize_forces' when 'military_alert' then 'mobilize_forces'
        when 'military_exercise' then 'mobilize_weapons' when 'weapons_test' then 'mobilize_weapons'
        when 'attack' then 'assault' when 'armed_clash' then 'assault'
        when 'coercion' then 'coerce' when 'threat' then 'threaten'
        when 'sanctions_imposed' then 'sanction' when 'diplomatic_downgrade' then 'sanction'
        when 'protest' then 'protest' when 'criticism' then 'accuse' when 'accusation' then 'accuse'
        when 'investigation' then 'investigate' when 'demand' then 'request' when 'rejection' then 'reject'
        when 'policy_statement' then 'statement'
        when 'intent_to_cooperate' then 'agree' when 'agreement' then 'agree'
        when 'treaty_signed' then 'treaty' when 'treaty_ratified' then 'treaty'
        when 'diplomatic_support' then 'support' when 'meeting' then 'consult'
        when 'military_cooperation' then 'cooperate' when 'economic_cooperation' then 'cooperate'
        when 'military_aid' then 'aid' when 'humanitarian_aid' then 'aid' when 'economic_aid' then 'aid'
        when 'concession' then 'concede'
        when 'sanctions_eased' then 'retreat' when 'withdrawal' then 'retreat'
    end,
    actor_code = s.extracted -> 'actor' ->> 'code',
    target_code = s.extracted -> 'target' ->> 'code',
    date_start = coalesce((s.extracted -> 'when' ->> 'start')::date, (coalesce(a.published_at, a.ingested_at))::date - 7),
    date_end = coalesce((s.extracted -> 'when' ->> 'end')::date, (coalesce(a.published_at, a.ingested_at))::date),
    reported_at = coalesce(a.published_at, a.ingested_at),
    source_domain = a.source_domain,
    content_key = a.content_hash || ':' || s.start_offset
from articles a
where a.id = s.article_id;

alter table event_sources
    alter column family set not null,
    alter column date_start set not null,
    alter column date_end set not null,
    alter column reported_at set not null,
    alter column content_key set not null;

create index event_sources_merge_idx on event_sources (family, actor_code, date_start, date_end);

alter table events
    -- Set when automatic merging or an analyst folded this event into another.
    add column merged_into uuid references events (id),
    -- Analyst-curated (merged, split or corrected by hand): never merged automatically again.
    add column locked boolean not null default false,
    -- The spread of figures across sources: {"unit", "min", "max", "reports"}.
    add column quantity_range jsonb,
    -- The merged fields before corrections, kept beside them while corrections exist.
    add column original jsonb,
    add column retracted_by text;

create index events_merged_into_idx on events (merged_into) where merged_into is not null;
