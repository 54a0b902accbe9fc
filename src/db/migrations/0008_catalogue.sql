-- The service catalogue (issue 5): each service the council delivers, identified by its own code and, where the
-- council has confirmed it, its Local Government Service List number; the team that delivers it, its SLA, the
-- agent's guidance, its form (a JSON definition, checked by src/catalogue/form-definition.ts before it is saved)
-- and routing rules. Contacts and cases will refer to it.
create table service (
  id serial primary key,
  code text not null unique check (code ~ '^[a-z][a-z0-9-]{1,62}$'),
  lgsl int unique check (lgsl between 1 and 99999),
  name text not null check (length(name) between 1 and 200),
  team_id int references team(id),
  sla_amount int not null check (sla_amount between 1 and 1000),
  sla_unit text not null check (sla_unit in ('working_days', 'working_hours')),
  guidance text not null default '' check (length(guidance) <= 5000),
  form jsonb not null default '{"fields": []}',
  routing jsonb not null default '[]',
  is_active boolean not null default true,
  updated_at timestamptz not null default now(),
  updated_by text not null
);
create index service_team_idx on service (team_id);

-- 0005 granted the application role every table by default privileges; say so again for this one, in case a
-- deployment's migrations run as a different owner than the one those defaults were set for.
do $$
begin
  if exists (select 1 from pg_roles where rolname = 'onestop_app') then
    grant select, insert, update on service to onestop_app;
    grant usage, select on service_id_seq to onestop_app;
  end if;
end
$$;
