-- The change feed and cheap polling.
--
-- A change is stamped when it is numbered (at commit, under the feed lock), not when its
-- transaction began, so stamps rise with `seq` and `Last-Modified` follows the feed.
alter table event_changes alter column changed_at set default clock_timestamp();

-- An article's place in the same sequence as event changes, given when its ingest
-- commits: the version of the article list, which an article without events also moves.
-- Null for articles stored before this column existed.
alter table articles add column seq bigint;
create index articles_seq_idx on articles (seq) where seq is not null;
