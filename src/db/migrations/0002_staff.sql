-- Staff accounts, their browser sessions and API tokens.
create table staff_user (
  id serial primary key,
  email text not null,
  display_name text not null,
  password_hash text,
  role text not null default 'agent',
  is_active boolean not null default true,
  is_demo boolean not null default false,
  created_at timestamptz not null default now(),
  last_signed_in_at timestamptz
);
create unique index staff_user_email_idx on staff_user (lower(email));

create table staff_session (
  id_hash text primary key,
  staff_user_id int not null references staff_user(id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index staff_session_user_idx on staff_session (staff_user_id);

create table api_token (
  id serial primary key,
  staff_user_id int not null references staff_user(id),
  token_hash text not null unique,
  name text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Background work, enqueued in the same transaction as the change that causes it.
create table job (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null default '{}',
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
  attempts int not null default 0,
  run_after timestamptz not null default now(),
  locked_at timestamptz,
  locked_by text,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index job_ready_idx on job (run_after) where status = 'queued';

create table setting (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null default now()
);
