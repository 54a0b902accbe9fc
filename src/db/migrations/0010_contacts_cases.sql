-- Every channel, one conversation (issue 5): the contact ledger, cases (service requests) with their SLA and history,
-- and the One Stop Shop's walk-in queue and appointments.

-- Each contact with the council once, on whatever channel: who (or unknown, linked later), when, who took it, why
-- (contact_reason), how it ended, whether it was resolved there and then, and whether it need not have happened
-- (failure demand: chasing progress, a repeat, something not done right the first time).
create table contact (
  id bigserial primary key,
  person_id bigint references person(id),
  channel text not null check (channel in ('phone_in', 'phone_out', 'face_to_face', 'web', 'email', 'sms', 'letter')),
  started_at timestamptz not null,
  ended_at timestamptz check (ended_at is null or ended_at >= started_at),
  status text not null default 'open' check (status in ('open', 'wrapped')),
  staff_user_id int references staff_user(id),
  recorded_by text not null,
  -- Telephony: the caller's number as given (E.164 where it parses) and the switch's call id, unique per call.
  caller_number text check (length(caller_number) <= 40),
  call_id text check (length(call_id) <= 200),
  outcome text check (outcome in ('resolved', 'case_raised', 'referred', 'callback', 'information', 'no_action', 'abandoned')),
  resolved_first_contact boolean,
  avoidable boolean,
  avoidable_reason text check (avoidable_reason in ('progress_chasing', 'repeat_contact', 'not_done_right', 'unclear_information', 'other')),
  summary text not null default '' check (length(summary) <= 5000),
  created_at timestamptz not null default now(),
  check (status = 'open' or outcome is not null)
);
create unique index contact_call_idx on contact (call_id) where call_id is not null;
create index contact_person_idx on contact (person_id, started_at desc);
create index contact_open_idx on contact (staff_user_id, started_at desc) where status = 'open';
create index contact_started_idx on contact (started_at);

-- The reasons for a contact, by service: one contact can be about several.
create table contact_reason (
  contact_id bigint not null references contact(id),
  service_id int not null references service(id),
  primary key (contact_id, service_id)
);
create index contact_reason_service_idx on contact_reason (service_id);

-- A case: one service request for one need. Its reference is what the resident is told.
create table service_case (
  id bigserial primary key,
  reference text not null unique,
  service_id int not null references service(id),
  person_id bigint references person(id),
  -- The contact that raised it (none when raised through the API or by staff outside a contact).
  contact_id bigint references contact(id),
  status text not null default 'open' check (status in ('open', 'in_progress', 'waiting', 'resolved', 'closed', 'cancelled')),
  team_id int references team(id),
  assigned_to int references staff_user(id),
  answers jsonb not null default '{}',
  routing_reason text not null default '',
  opened_at timestamptz not null,
  due_at timestamptz not null,
  -- Set once each, by the SLA job, when the alert is raised: the alert goes out exactly once.
  escalated_at timestamptz,
  breached_at timestamptz,
  closed_at timestamptz,
  created_by text not null,
  updated_at timestamptz not null
);
create index service_case_person_idx on service_case (person_id, opened_at desc);
create index service_case_contact_idx on service_case (contact_id);
create index service_case_queue_idx on service_case (team_id, due_at) where closed_at is null;
create index service_case_assigned_idx on service_case (assigned_to, due_at) where closed_at is null;
create index service_case_unbreached_idx on service_case (due_at) where closed_at is null and breached_at is null;

-- What happened to a case, in order: opened, status changes, assignment, notes, attachments, alerts.
create table case_event (
  id bigserial primary key,
  case_id bigint not null references service_case(id),
  kind text not null check (kind in ('opened', 'status', 'assigned', 'note', 'attachment', 'escalated', 'breached', 'due_changed')),
  actor text not null,
  actor_name text not null,
  at timestamptz not null,
  details jsonb not null default '{}'
);
create index case_event_case_idx on case_event (case_id, id);

create table case_attachment (
  id bigserial primary key,
  case_id bigint not null references service_case(id),
  file_name text not null check (length(file_name) between 1 and 255),
  media_type text not null,
  size_bytes int not null check (size_bytes between 0 and 10485760),
  sha256 text not null,
  content bytea not null,
  uploaded_by text not null,
  uploaded_at timestamptz not null
);
create index case_attachment_case_idx on case_attachment (case_id);

-- The One Stop Shop: appointments staff book, and the walk-in queue (a ticket per visitor, called by an adviser).
create table appointment (
  id bigserial primary key,
  location text not null check (length(location) between 1 and 100),
  person_id bigint references person(id),
  visitor_name text not null check (length(visitor_name) between 1 and 200),
  phone text check (length(phone) <= 40),
  service_id int references service(id),
  starts_at timestamptz not null,
  ends_at timestamptz not null check (ends_at > starts_at),
  status text not null default 'booked' check (status in ('booked', 'arrived', 'done', 'cancelled', 'no_show')),
  notes text not null default '' check (length(notes) <= 2000),
  booked_by text not null,
  booked_at timestamptz not null,
  cancelled_reason text
);
create index appointment_day_idx on appointment (location, starts_at);
create index appointment_person_idx on appointment (person_id, starts_at desc);

create table visit (
  id bigserial primary key,
  location text not null check (length(location) between 1 and 100),
  -- The ticket shown on the screen and called out, such as A014: a letter per location day, numbered in order.
  ticket text not null,
  person_id bigint references person(id),
  visitor_name text not null default '' check (length(visitor_name) <= 200),
  service_id int references service(id),
  appointment_id bigint references appointment(id),
  status text not null default 'waiting' check (status in ('waiting', 'called', 'seen', 'left')),
  arrived_at timestamptz not null,
  called_at timestamptz,
  called_by int references staff_user(id),
  desk text check (length(desk) <= 40),
  finished_at timestamptz,
  -- The face-to-face contact the visit was logged as.
  contact_id bigint references contact(id),
  issued_by text not null
);
create unique index visit_ticket_idx on visit (location, ticket, ((arrived_at at time zone 'Europe/London')::date));
create index visit_waiting_idx on visit (location, arrived_at) where status in ('waiting', 'called');

do $$
begin
  if exists (select 1 from pg_roles where rolname = 'onestop_app') then
    grant select, insert, update on contact, contact_reason, service_case, case_event, case_attachment, appointment, visit to onestop_app;
    grant delete on contact_reason to onestop_app;
    grant usage, select on contact_id_seq, service_case_id_seq, case_event_id_seq, case_attachment_id_seq, appointment_id_seq, visit_id_seq to onestop_app;
    -- A case's history is its record: the application never deletes it (erasure blanks what it says of the resident).
    revoke delete on case_event from onestop_app;
  end if;
end $$;
