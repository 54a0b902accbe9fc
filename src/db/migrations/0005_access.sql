-- Access control: teams, restricted source systems, break-glass, and row-level security as a second wall.

create table team (
  id serial primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9_]{1,62}$'),
  name text not null,
  -- How other staff reach the team about a resident it works with (shown instead of restricted records).
  contact text not null default ''
);

create table staff_team (
  staff_user_id int not null references staff_user(id),
  team_id int not null references team(id),
  primary key (staff_user_id, team_id)
);

alter table source_system add column restricted boolean not null default false;
alter table source_system add column team_id int references team(id);
alter table source_system add constraint source_system_restricted_team check (not restricted or team_id is not null);

-- Opening a restricted record in an emergency: who, which resident, why, until when; flagged for review.
create table break_glass (
  id bigserial primary key,
  staff_user_id int not null references staff_user(id),
  person_id bigint not null references person(id),
  reason text not null check (length(reason) >= 10),
  opened_at timestamptz not null default now(),
  expires_at timestamptz not null,
  reviewed_by text,
  reviewed_at timestamptz
);
create index break_glass_active_idx on break_glass (staff_user_id, person_id, expires_at);
create index break_glass_unreviewed_idx on break_glass (opened_at) where reviewed_at is null;

-- The role the application works as: not a superuser and not the owner of the tables, so row-level security binds it.
do $$
begin
  create role onestop_app nologin;
exception when duplicate_object then null;
end $$;
grant usage on schema public to onestop_app;
grant select, insert, update, delete on all tables in schema public to onestop_app;
grant usage, select on all sequences in schema public to onestop_app;
alter default privileges in schema public grant select, insert, update, delete on tables to onestop_app;
alter default privileges in schema public grant usage, select on sequences to onestop_app;

-- Whether the transaction's actor may see a source system's records. The application sets, per transaction,
-- onestop.scope = 'all' (the council's own processes) or the actor's team ids and user id. Unset means: only
-- unrestricted systems, so a query run outside any scope still shows nothing restricted.
create function onestop_may_see(system_id int, record_id bigint) returns boolean language sql stable as $$
  select not s.restricted
      or current_setting('onestop.scope', true) = 'all'
      or s.team_id = any(string_to_array(nullif(current_setting('onestop.teams', true), ''), ',')::int[])
      or exists (
        select 1 from break_glass b join person_link l on l.person_id = b.person_id and l.unlinked_at is null
        where l.source_record_id = record_id
          and b.staff_user_id = nullif(current_setting('onestop.user', true), '')::int and b.expires_at > now())
  from source_system s where s.id = system_id
$$;

alter table source_record enable row level security;
create policy source_record_visible on source_record using (onestop_may_see(source_system_id, id));
alter table source_record_version enable row level security;
create policy source_record_version_visible on source_record_version
  using (exists (select 1 from source_record r where r.id = source_record_id));

-- What anyone may know of a restricted service's dealings with a resident: that it knows them, and whom to ask.
-- Runs as the schema's owner, beneath row-level security, and returns nothing of what the records say.
create function onestop_restricted_services(p_person bigint) returns table (system_name text, team_name text, contact text)
language sql stable security definer set search_path = public as $$
  select distinct s.name, t.name, t.contact
  from person_link l join source_record r on r.id = l.source_record_id
  join source_system s on s.id = r.source_system_id join team t on t.id = s.team_id
  where l.person_id = p_person and l.unlinked_at is null and s.restricted
$$;
