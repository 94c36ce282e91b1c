-- Keeping the cost of a report flat as its story grows.
--
-- A story reported thousands of times updates its event row thousands of times. Updates that
-- change no indexed column are heap-only (HOT): no new index entries, and dead versions are
-- pruned as the page is read, so the row stays as cheap to find as on its first day. The
-- change-feed number `seq` changes on every update, so it must not be indexed on events;
-- the latest number is read from event_changes, whose key it is. Free space in each page
-- (fillfactor) lets the new version land beside the old one.

drop index events_seq_key;
alter table events set (fillfactor = 80);

-- An event's first sources, in the order lists show them, straight from the index: the
-- query stops after the few it shows whether the event has ten sources or ten thousand.
drop index event_sources_event_idx;
create index event_sources_event_idx on event_sources (event_id, added_at, id);

-- An article's own sources of an event: found by article and event together, never by
-- combining with the event's (possibly long) list of sources.
drop index event_sources_article_idx;
create index event_sources_article_idx on event_sources (article_id, event_id);

-- Merge candidates: an event's keys by family, actor (none is '') and the end of their date
-- range. A report is mostly about recent days, so the keys that end after its start are few
-- however long the actor's history in the family is.
drop index event_profiles_block_idx;
create index event_profiles_block_idx on event_profiles (family, (coalesce(actor_code, '')), date_end);
