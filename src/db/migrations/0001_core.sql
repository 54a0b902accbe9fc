-- The single citizen view: source systems, their records, persons, links between them, places.
create extension if not exists pg_trgm;
create extension if not exists fuzzystrmatch;

create table source_system (
  id serial primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text not null,
  -- Survivorship: when two systems disagree about a field, the higher trust wins; ties go to the most recent.
  trust smallint not null default 50 check (trust between 0 and 100),
  created_at timestamptz not null default now()
);

create table import_run (
  id bigserial primary key,
  source_system_id int not null references source_system(id),
  file_name text not null,
  is_full boolean not null default false,
  status text not null default 'running' check (status in ('queued', 'running', 'completed', 'failed', 'interrupted')),
  started_by text not null,
  created_at timestamptz not null default now(),
  started_at timestamptz,
  heartbeat_at timestamptz,
  finished_at timestamptz,
  bytes_total bigint,
  bytes_read bigint not null default 0,
  rows_read int not null default 0,
  rows_new int not null default 0,
  rows_changed int not null default 0,
  rows_unchanged int not null default 0,
  rows_rejected int not null default 0,
  rows_ended int not null default 0,
  persons_created int not null default 0,
  rejects_path text,
  mapping jsonb,
  error text
);
create index import_run_system_idx on import_run (source_system_id, created_at desc);

create table source_record (
  id bigserial primary key,
  source_system_id int not null references source_system(id),
  source_id text not null,
  -- The row exactly as the source system sent it: column name to value, before any mapping.
  raw jsonb not null,
  row_hash text not null,
  version int not null default 1,
  title text,
  given_name text,
  middle_name text,
  family_name text,
  full_name text,
  dob date,
  sex text check (sex in ('female', 'male', 'other')),
  address_line1 text,
  address_line2 text,
  town text,
  postcode text,
  uprn text check (uprn ~ '^[0-9]{1,12}$'),
  -- 'source' when the system gave the UPRN, 'address' when OneStop found it from the address.
  uprn_source text check (uprn_source in ('source', 'address')),
  address_from date,
  address_to date,
  phone text,
  email text,
  ni_number text,
  -- Deterministic linking keys, computed by the matching domain.
  name_key text,
  first_seen_at timestamptz not null,
  last_seen_at timestamptz not null,
  changed_at timestamptz not null,
  ended_at timestamptz,
  last_import_id bigint references import_run(id),
  unique (source_system_id, source_id)
);
create index source_record_ni_idx on source_record (ni_number) where ni_number is not null;
create index source_record_name_key_idx on source_record (name_key) where name_key is not null;
create index source_record_phone_idx on source_record (phone) where phone is not null;
create index source_record_postcode_idx on source_record (postcode) where postcode is not null;
create index source_record_email_idx on source_record (lower(email)) where email is not null;

-- Each earlier version of a changed record, kept whole.
create table source_record_version (
  source_record_id bigint not null references source_record(id),
  version int not null,
  raw jsonb not null,
  standardised jsonb not null,
  row_hash text not null,
  valid_from timestamptz not null,
  valid_to timestamptz not null,
  replaced_by_import_id bigint references import_run(id),
  primary key (source_record_id, version)
);

create table person (
  id bigserial primary key,
  reference text not null unique,
  status text not null default 'active' check (status in ('active', 'merged', 'empty')),
  redirect_to bigint references person(id),
  title text,
  given_name text,
  middle_name text,
  family_name text,
  full_name text,
  dob date,
  sex text,
  address_line1 text,
  address_line2 text,
  town text,
  postcode text,
  uprn text,
  phone text,
  email text,
  ni_number text,
  -- Per field: the id of the source record that gave it (the record says which system, and when).
  provenance jsonb not null default '{}',
  search_name text not null default '',
  family_phonetic text generated always as (nullif(dmetaphone(coalesce(family_name, '')), '')) stored,
  given_phonetic text generated always as (nullif(dmetaphone(coalesce(given_name, '')), '')) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index person_search_name_idx on person (search_name);
create index person_postcode_idx on person (postcode);
create index person_dob_idx on person (dob);
create index person_family_phonetic_idx on person (family_phonetic, given_phonetic);
create index person_uprn_idx on person (uprn) where uprn is not null;

-- Every distinct name a golden record has held. Typo-tolerant search looks for names here (a million residents
-- share about 150,000 names), then for the persons who bear them: far less to scan than the persons themselves.
create table person_name (
  search_name text primary key
);
create index person_name_trgm_idx on person_name using gin (search_name gin_trgm_ops);

-- How close a typed name is to a held one, word by word: 1 for the same, falling with each letter typed wrong
-- (Levenshtein). A given and family name typed the wrong way round still scores, a little lower.
create function onestop_word_score(held text, typed text) returns float8 language sql immutable parallel safe as $$
  select case when held = '' or typed = '' then 0
    else greatest(0, 1 - levenshtein(held, typed)::float8 / greatest(length(held), length(typed))) end
$$;
create function onestop_name_score(held text, given text, family text) returns float8 language sql immutable parallel safe as $$
  select case when given = '' then
      greatest(onestop_word_score(substring(held from '[^ ]+$'), family), onestop_word_score(split_part(held, ' ', 1), family) - 0.05)
    else greatest(
      (onestop_word_score(split_part(held, ' ', 1), given) + onestop_word_score(substring(held from '[^ ]+$'), family)) / 2,
      (onestop_word_score(split_part(held, ' ', 1), family) + onestop_word_score(substring(held from '[^ ]+$'), given)) / 2 - 0.05)
    end
$$;

-- The link of a source record to a person, kept as history: a row is closed (unlinked_at), never rewritten.
create table person_link (
  id bigserial primary key,
  source_record_id bigint not null references source_record(id),
  person_id bigint not null references person(id),
  method text not null,
  score double precision,
  evidence jsonb not null default '{}',
  linked_at timestamptz not null default now(),
  linked_by text not null,
  unlinked_at timestamptz,
  unlinked_by text
);
create unique index person_link_current_idx on person_link (source_record_id) where unlinked_at is null;
create index person_link_history_idx on person_link (person_id, linked_at);

create table property (
  uprn text primary key check (uprn ~ '^[0-9]{1,12}$'),
  address_line1 text,
  address_line2 text,
  town text,
  postcode text,
  -- Lets a record that gives an address but no UPRN find the property: first line and postcode, folded.
  address_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index property_postcode_idx on property (postcode);
create index property_address_key_idx on property (address_key);

-- Who lived where, derived from linked source records; households are the current occupants of a UPRN.
-- Derived and rewritten whole by the linking code, so it carries no foreign keys: their per-row checks
-- cost more than the rest of the write during a bulk import.
create table occupancy (
  person_id bigint not null,
  uprn text not null,
  from_date date,
  to_date date,
  is_current boolean not null,
  evidence_count int not null,
  primary key (person_id, uprn)
);
create index occupancy_uprn_idx on occupancy (uprn) where is_current;
