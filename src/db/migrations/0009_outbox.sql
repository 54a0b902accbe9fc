-- The hand-off to back-office systems: an outbox written in the same transaction as the change it reports, webhook
-- subscriptions, and one delivery per event and subscription, retried until delivered or given up as dead.

-- Each event once, as published. event_id is the idempotency id receivers see, the same on every attempt.
create table outbox_event (
  id bigserial primary key,
  event_id uuid not null unique,
  type text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  subject text check (length(subject) <= 200),
  payload jsonb not null default '{}',
  occurred_at timestamptz not null,
  -- Set once the event has been fanned out to a delivery per matching subscription.
  dispatched_at timestamptz
);
create index outbox_event_undispatched_idx on outbox_event (id) where dispatched_at is null;

create table webhook_subscription (
  id serial primary key,
  name text not null unique check (length(name) between 1 and 100),
  target_url text not null check (length(target_url) <= 2000),
  event_types text[] not null check (cardinality(event_types) >= 1),
  -- The HMAC-SHA256 key shared with the receiver; it must be read back to sign, so it cannot be hashed.
  secret text not null,
  active boolean not null default true,
  -- Set by an administrator only: lets the target resolve to a private or loopback address (a back office on the
  -- council's own network).
  allow_private boolean not null default false,
  created_by text not null,
  created_at timestamptz not null,
  disabled_at timestamptz
);

create table webhook_delivery (
  id bigserial primary key,
  subscription_id int not null references webhook_subscription(id),
  outbox_event_id bigint not null references outbox_event(id),
  status text not null default 'pending' check (status in ('pending', 'delivering', 'delivered', 'dead')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null,
  locked_at timestamptz,
  locked_by text,
  last_status int,
  last_error text,
  created_at timestamptz not null,
  delivered_at timestamptz,
  unique (subscription_id, outbox_event_id)
);
create index webhook_delivery_due_idx on webhook_delivery (next_attempt_at, id) where status = 'pending';
-- Deliveries still to go, per subscription in event order: a later event waits for an earlier one.
create index webhook_delivery_open_idx on webhook_delivery (subscription_id, outbox_event_id) where status in ('pending', 'delivering');
create index webhook_delivery_status_idx on webhook_delivery (status, id desc);

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'onestop_app') then
    grant select, insert, update on outbox_event, webhook_subscription, webhook_delivery to onestop_app;
    grant usage, select on outbox_event_id_seq, webhook_subscription_id_seq, webhook_delivery_id_seq to onestop_app;
    -- Events and deliveries are the record of what was handed off: the application never deletes them.
    revoke delete on outbox_event, webhook_subscription, webhook_delivery from onestop_app;
  end if;
end $$;
