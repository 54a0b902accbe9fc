-- Staff sign-in made harder to attack: a TOTP second factor, lockout and rate limits counted in the database (so
-- every process sees the same counts), an idle timeout on sessions, scoped API tokens, and sign-ins part-way through.

-- Second-factor secrets are encrypted (AES-256-GCM) with a key kept outside the database.
alter table staff_user add column totp_secret text;
-- A secret shown for enrolment, until a code from it confirms it.
alter table staff_user add column totp_pending_secret text;
-- The last 30-second step whose code was taken: a code works once (RFC 6238 section 5.2).
alter table staff_user add column totp_last_step bigint;

-- A session ends at expires_at, or earlier after idle_seconds without a request (null: no idle limit).
alter table staff_session add column idle_seconds int;
alter table staff_session add column idle_expires_at timestamptz;

-- Tokens made before scopes existed could do everything, and still can.
alter table api_token add column scopes text[];
update api_token set scopes = array['people:read', 'match:read', 'imports:read', 'imports:write'];
alter table api_token alter column scopes set not null;
create index api_token_user_idx on api_token (staff_user_id);

-- Failed sign-ins, counted by email address (whether or not an account has it, so a lock says nothing about who has
-- an account) and by network address.
create table sign_in_failure (
  key text primary key,
  failures int not null,
  first_failed_at timestamptz not null,
  locked_until timestamptz
);

-- Calls counted in fixed windows: an API token's calls a minute.
create table rate_limit_window (
  key text not null,
  window_start timestamptz not null,
  hits int not null,
  primary key (key, window_start)
);

-- A sign-in part-way through, found by the hash of a cookie: a password accepted and a code awaited, or a trip to
-- the council's identity provider (its state, nonce and PKCE verifier).
create table sign_in_challenge (
  id_hash text primary key,
  kind text not null check (kind in ('second_factor', 'single_sign_on')),
  staff_user_id int references staff_user(id),
  data jsonb not null default '{}',
  next_path text not null,
  expires_at timestamptz not null
);
