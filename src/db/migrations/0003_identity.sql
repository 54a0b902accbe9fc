-- Identity resolution: learnt models, the clerical review queue, staff decisions, and every change to who is who.

-- Parameters learnt from the council's own data (m and u probabilities, thresholds), saved and versioned.
create table match_model (
  version serial primary key,
  trained_at timestamptz not null default now(),
  record_count int not null,
  model jsonb not null,
  is_current boolean not null default false
);
create unique index match_model_current_idx on match_model (is_current) where is_current;

-- A change to which records make up which persons: a link, a merge, a split, a move, a relink, or the undoing of
-- one. Each keeps exactly what moved, so it can be undone and shown on the persons' history.
create table person_change (
  id bigserial primary key,
  kind text not null check (kind in ('link', 'merge', 'split', 'move', 'relink', 'undo')),
  actor text not null,
  reason text,
  at timestamptz not null default now(),
  undoes bigint references person_change(id),
  undone_by bigint references person_change(id),
  -- [{ sourceRecordId, fromPersonId, fromLinkId, toPersonId, toLinkId }], and person status changes.
  moves jsonb not null default '[]',
  persons jsonb not null default '[]'
);
create table person_change_person (
  change_id bigint not null references person_change(id),
  person_id bigint not null,
  primary key (person_id, change_id)
);

alter table person_link add column change_id bigint references person_change(id);

-- Staff decisions about two records, which automatic linking must respect: never link a 'different' pair.
create table link_decision (
  record_a bigint not null,
  record_b bigint not null,
  decision text not null check (decision in ('same', 'different')),
  decided_by text not null,
  decided_at timestamptz not null default now(),
  change_id bigint references person_change(id),
  reason text,
  primary key (record_a, record_b),
  check (record_a < record_b)
);
create index link_decision_b_idx on link_decision (record_b);

-- The clerical review queue: a record that may be a known person, scored between the two thresholds.
create table match_review (
  id bigserial primary key,
  source_record_id bigint not null references source_record(id),
  candidate_person_id bigint not null references person(id),
  candidate_record_id bigint references source_record(id),
  weight double precision not null,
  probability double precision not null,
  evidence jsonb not null,
  model_version int,
  status text not null default 'open' check (status in ('open', 'linked', 'not_same', 'skipped', 'resolved')),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  decided_by text
);
create unique index match_review_open_idx on match_review (source_record_id, candidate_person_id) where status in ('open', 'skipped');
create index match_review_queue_idx on match_review (status, probability desc);

alter table job add column progress jsonb;
