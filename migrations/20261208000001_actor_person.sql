-- The person an actor or target phrase names, in full ("Emmanuel Macron" for "President
-- Macron" or, on a day he held the office, for "the French president"). Null for phrases
-- that name no person. Not indexed: filters by person are not offered yet.
alter table events add column actor_person text, add column target_person text;
