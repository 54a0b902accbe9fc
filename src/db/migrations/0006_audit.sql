-- The audit trail: every view of a resident's record and every change, who, when, what, why and through which door,
-- written in the same transaction as the change. Entries form a hash chain (src/audit/audit.ts says how each hash is
-- made), so an edited, inserted or deleted entry is found by `onestop audit verify`.
create table audit_event (
  -- Not a sequence: a sequence leaves a gap at every rolled-back transaction. Each entry takes the previous id + 1
  -- while holding the chain's lock, so ids have no gaps and a missing id is a deleted entry.
  id bigint primary key check (id > 0),
  at timestamptz not null,
  -- 'user:5' or 'system:import', with the name it had at the time.
  actor text not null,
  actor_name text not null,
  door text not null check (door in ('web', 'api', 'cli', 'job')),
  action text not null,
  -- The resident concerned, for "who has looked at this resident". No foreign key: the trail outlives an erased
  -- or merged person, and must never stop one being changed.
  person_id bigint,
  -- Any other object concerned: 'import:12', 'review:3', 'user:9'.
  subject text,
  reason text,
  -- Ids and counts, never names or other personal data.
  details jsonb not null default '{}',
  prev_hash text,
  hash text not null
);
create index audit_event_person_idx on audit_event (person_id, id desc) where person_id is not null;
create index audit_event_actor_idx on audit_event (actor, id desc);
create index audit_event_at_idx on audit_event (at);

-- Append-only: the application's role may add and read entries, never change or remove them, and a trigger refuses
-- updates and deletes from anyone else (the owner must disable it first, which itself takes a deliberate act).
create function onestop_audit_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'the audit trail is append-only: entries cannot be changed or deleted';
end $$;
create trigger audit_event_append_only before update or delete on audit_event
  for each row execute function onestop_audit_append_only();

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'onestop_app') then
    revoke update, delete, truncate on audit_event from onestop_app;
    grant select, insert on audit_event to onestop_app;
  end if;
end $$;
