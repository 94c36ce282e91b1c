-- Timelines at a million events: counts per day, kind and modality, kept exact on every
-- write.
--
-- A two-year weekly timeline counted from events reads every live event of those years. The
-- counts below hold the same numbers in a few thousand rows. Each event records the key
-- it is counted under (`counted_*`, null when it is not counted: merged away or
-- retracted); the transaction that changes an event moves its count from the old key to
-- the new one at commit, in the same statement that numbers its changes, under the lock
-- that orders commits, so two writers never update the same count at once and a count is
-- never ahead of or behind the events a reader sees. No trigger: the same statement works
-- when events are spread over several machines.

create table event_day_counts (
    event_date date not null,
    kind text not null,
    modality text not null,
    n bigint not null,
    primary key (event_date, kind, modality)
);

alter table events
    add column counted_date date,
    add column counted_kind text,
    add column counted_modality text;

update events
set counted_date = event_date, counted_kind = kind, counted_modality = modality
where merged_into is null and retracted_at is null;

insert into event_day_counts (event_date, kind, modality, n)
select counted_date, counted_kind, counted_modality, count(*)
from events
where counted_date is not null
group by 1, 2, 3;
