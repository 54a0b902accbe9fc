-- UK GDPR rights: corrections kept with history (Article 16), legal holds, erasure (Article 17), retention rules per
-- source system (Article 5(1)(e), storage limitation), and consent and contact preferences per channel and purpose
-- (Articles 7 and 21; PECR regulation 22 for electronic marketing).

-- A correction stays in force over what the source systems say until it is withdrawn: field (snake_case column) to
-- value. Survivorship writes it over the sources' value each time the golden record is recomputed.
alter table person add column corrections jsonb not null default '{}';
-- Set when the resident was erased: the row stays, blank, so counts and ids hold for statistics.
alter table person add column erased_at timestamptz;
alter table source_record add column erased_at timestamptz;

-- Every correction of a golden-record field, with the value it replaced: the history is never rewritten, only
-- blanked when the resident is erased.
create table rectification (
  id bigserial primary key,
  person_id bigint not null references person(id),
  field text not null,
  earlier_value text,
  corrected_value text,
  reason text not null check (length(reason) >= 5),
  rectified_by text not null,
  rectified_by_name text not null,
  rectified_at timestamptz not null
);
create index rectification_person_idx on rectification (person_id, rectified_at desc);

-- A legal hold keeps everything about a resident, whatever the retention rules or an erasure request say, until it is
-- released (litigation, an inquiry, a complaint to the Ombudsman).
create table legal_hold (
  id bigserial primary key,
  person_id bigint not null references person(id),
  reason text not null check (length(reason) >= 10),
  placed_by text not null,
  placed_by_name text not null,
  placed_at timestamptz not null,
  released_by text,
  released_by_name text,
  released_at timestamptz,
  check ((released_at is null) = (released_by is null))
);
create index legal_hold_active_idx on legal_hold (person_id) where released_at is null;

-- How long the council keeps a source system's records: so many years after the record was last sent in an extract
-- ('last_seen') or after the system stopped holding it ('ended').
create table retention_rule (
  source_system_id int primary key references source_system(id),
  years int not null check (years between 1 and 150),
  basis text not null check (basis in ('last_seen', 'ended')),
  set_by text not null,
  set_at timestamptz not null
);

-- Each run of the retention rules, for real or as a dry run, and what it did (counts and ids, no personal data).
create table retention_run (
  id bigserial primary key,
  started_at timestamptz not null,
  finished_at timestamptz,
  dry_run boolean not null,
  actor text not null,
  summary jsonb not null default '{}'
);

-- Consent and contact preferences: one row per statement the resident made, never updated; the latest per channel
-- and purpose is in force.
create table contact_preference (
  id bigserial primary key,
  person_id bigint not null references person(id),
  channel text not null check (channel in ('email', 'sms', 'phone', 'post')),
  purpose text not null check (purpose in ('service_updates', 'marketing', 'surveys')),
  granted boolean not null,
  -- How the resident told the council: a fixed list, so no free text about them lands here.
  source text not null check (source in ('phone', 'in_person', 'email', 'letter', 'online', 'other')),
  recorded_by text not null,
  recorded_by_name text not null,
  recorded_at timestamptz not null
);
create index contact_preference_person_idx on contact_preference (person_id, channel, purpose, id desc);

-- 0005 granted the application role every table, then and after, by default privileges; say so again for these in
-- case the defaults were changed by hand.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'onestop_app') then
    grant select, insert, update, delete on rectification, legal_hold, retention_rule, retention_run, contact_preference to onestop_app;
    grant usage, select on rectification_id_seq, legal_hold_id_seq, retention_run_id_seq, contact_preference_id_seq to onestop_app;
    -- Statements of consent and corrections are history: the application may blank them on erasure, not delete them.
    revoke delete on rectification, contact_preference from onestop_app;
  end if;
end $$;
