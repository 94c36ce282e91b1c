-- Merging at a cost that does not grow with an event's sources (see ARCHITECTURE.md).
--
-- An event keeps what deciding and aggregating need, kept up to date as sources arrive:
-- its distinct merge keys (event_profiles), the best confidence of each outlet that
-- reported it (event_outlets), and a bounded summary of its sources (events.merge_state)
-- from which its fields are read. Events stored before this migration get theirs when the
-- service next starts.

alter table events add column merge_state jsonb;

create table event_profiles (
    id bigint generated always as identity primary key,
    event_id uuid not null references events (id),
    family text not null,
    actor_code text,
    target_code text,
    -- Everything in merge_key but the dates: rows of one event and identity never overlap.
    identity text not null,
    merge_key jsonb not null,
    date_start date not null,
    date_end date not null
);

create index event_profiles_block_idx on event_profiles (family, actor_code, date_start, date_end);
create index event_profiles_event_idx on event_profiles (event_id, identity);

create table event_outlets (
    event_id uuid not null references events (id),
    outlet text not null,
    confidence real not null,
    -- -ln(1 - confidence) in units of 1e-9, summed exactly into the event's confidence.
    doubt bigint not null,
    primary key (event_id, outlet)
);

-- Candidates are found through event_profiles now.
drop index event_sources_merge_idx;
