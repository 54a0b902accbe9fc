-- Emails are compared without regard to case. Row-level security (0005) keeps a condition whose function is not
-- leakproof, such as lower(), from running before the policy's own check, so an index on lower(email) was never
-- used through it: each lookup by email walked every record with an email, checking the policy on each (seconds at a
-- million residents). A stored lower-cased copy compared with plain equality, which is leakproof, uses its index.
alter table source_record add column email_key text generated always as (lower(email)) stored;
create index source_record_email_key_idx on source_record (email_key) where email_key is not null;
drop index if exists source_record_email_idx;
