import type { ColumnType, Generated, JSONColumnType } from 'kysely';

// Table types for Kysely, one per table in src/db/migrations. Dates are 'YYYY-MM-DD' text.
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T extends object | null> = JSONColumnType<T, string, string>;

export type SourceSystemTable = {
  id: Generated<number>;
  code: string;
  name: string;
  trust: Generated<number>;
  created_at: Generated<Date>;
  restricted: Generated<boolean>;
  team_id: number | null;
};

export type TeamTable = { id: Generated<number>; code: string; name: string; contact: Generated<string> };
export type StaffTeamTable = { staff_user_id: number; team_id: number };
export type BreakGlassTable = {
  id: Generated<number>;
  staff_user_id: number;
  person_id: number;
  reason: string;
  opened_at: Generated<Date>;
  expires_at: Timestamp;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
};

export type ImportRunTable = {
  id: Generated<number>;
  source_system_id: number;
  file_name: string;
  is_full: Generated<boolean>;
  status: Generated<'queued' | 'running' | 'completed' | 'failed' | 'interrupted'>;
  started_by: string;
  created_at: Generated<Date>;
  started_at: Timestamp | null;
  heartbeat_at: Timestamp | null;
  finished_at: Timestamp | null;
  bytes_total: number | null;
  bytes_read: Generated<number>;
  rows_read: Generated<number>;
  rows_new: Generated<number>;
  rows_changed: Generated<number>;
  rows_unchanged: Generated<number>;
  rows_rejected: Generated<number>;
  rows_ended: Generated<number>;
  persons_created: Generated<number>;
  rejects_path: string | null;
  mapping: Json<Record<string, unknown>> | null;
  error: string | null;
};

export type IdentityColumns = {
  title: string | null;
  given_name: string | null;
  middle_name: string | null;
  family_name: string | null;
  full_name: string | null;
  dob: string | null;
  sex: string | null;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  uprn: string | null;
  phone: string | null;
  email: string | null;
  ni_number: string | null;
};

export type SourceRecordTable = IdentityColumns & {
  id: Generated<number>;
  source_system_id: number;
  source_id: string;
  raw: Json<Record<string, string>>;
  row_hash: string;
  version: Generated<number>;
  uprn_source: 'source' | 'address' | null;
  address_from: string | null;
  address_to: string | null;
  name_key: string | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  changed_at: Timestamp;
  ended_at: Timestamp | null;
  last_import_id: number | null;
  erased_at: Timestamp | null;
  /** lower(email), kept by the database: compared with plain equality, which row-level security lets use its index. */
  email_key: ColumnType<string | null, never, never>;
};

export type SourceRecordVersionTable = {
  source_record_id: number;
  version: number;
  raw: Json<Record<string, string>>;
  standardised: Json<Record<string, unknown>>;
  row_hash: string;
  valid_from: Timestamp;
  valid_to: Timestamp;
  replaced_by_import_id: number | null;
};

export type PersonTable = IdentityColumns & {
  id: Generated<number>;
  reference: string;
  status: Generated<'active' | 'merged' | 'empty'>;
  redirect_to: number | null;
  provenance: Json<Record<string, unknown>>;
  search_name: Generated<string>;
  family_phonetic: ColumnType<string | null, never, never>;
  given_phonetic: ColumnType<string | null, never, never>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  corrections: ColumnType<Record<string, string | null>, string | undefined, string>;
  erased_at: Timestamp | null;
};

export type PersonNameTable = { search_name: string };

export type PersonLinkTable = {
  id: Generated<number>;
  source_record_id: number;
  person_id: number;
  method: string;
  score: number | null;
  evidence: Json<Record<string, unknown>>;
  linked_at: Timestamp;
  linked_by: string;
  unlinked_at: Timestamp | null;
  unlinked_by: string | null;
  change_id: number | null;
};

export type MatchModelTable = {
  version: Generated<number>;
  trained_at: Generated<Date>;
  record_count: number;
  model: Json<Record<string, unknown>>;
  is_current: Generated<boolean>;
};

export type PersonChangeTable = {
  id: Generated<number>;
  kind: 'link' | 'merge' | 'split' | 'move' | 'relink' | 'undo';
  actor: string;
  reason: string | null;
  at: Generated<Date>;
  undoes: number | null;
  undone_by: number | null;
  moves: ColumnType<Array<Record<string, unknown>>, string | undefined, string>;
  persons: ColumnType<Array<Record<string, unknown>>, string | undefined, string>;
};

export type PersonChangePersonTable = { change_id: number; person_id: number };

export type LinkDecisionTable = {
  record_a: number;
  record_b: number;
  decision: 'same' | 'different';
  decided_by: string;
  decided_at: Generated<Date>;
  change_id: number | null;
  reason: string | null;
};

export type MatchReviewTable = {
  id: Generated<number>;
  source_record_id: number;
  candidate_person_id: number;
  candidate_record_id: number | null;
  weight: number;
  probability: number;
  evidence: Json<Record<string, unknown>>;
  model_version: number | null;
  status: Generated<'open' | 'linked' | 'not_same' | 'skipped' | 'resolved'>;
  created_at: Generated<Date>;
  decided_at: Timestamp | null;
  decided_by: string | null;
};

export type PropertyTable = {
  uprn: string;
  address_line1: string | null;
  address_line2: string | null;
  town: string | null;
  postcode: string | null;
  address_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
};

export type OccupancyTable = {
  person_id: number;
  uprn: string;
  from_date: string | null;
  to_date: string | null;
  is_current: boolean;
  evidence_count: number;
};

export type StaffUserTable = {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: Generated<string>;
  is_active: Generated<boolean>;
  is_demo: Generated<boolean>;
  created_at: Generated<Date>;
  last_signed_in_at: Timestamp | null;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_last_step: number | null;
};

export type StaffSessionTable = {
  id_hash: string;
  staff_user_id: number;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Timestamp;
  idle_seconds: number | null;
  idle_expires_at: Timestamp | null;
};

export type ApiTokenTable = {
  id: Generated<number>;
  staff_user_id: number;
  token_hash: string;
  name: string;
  created_at: Generated<Date>;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  scopes: string[];
};

export type SignInFailureTable = {
  key: string;
  failures: number;
  first_failed_at: Timestamp;
  locked_until: Timestamp | null;
};

export type RateLimitWindowTable = {
  key: string;
  window_start: Timestamp;
  hits: number;
};

export type SignInChallengeTable = {
  id_hash: string;
  kind: 'second_factor' | 'single_sign_on';
  staff_user_id: number | null;
  data: Json<Record<string, string>>;
  next_path: string;
  expires_at: Timestamp;
};

export type JobTable = {
  id: Generated<number>;
  kind: string;
  payload: Json<Record<string, unknown>>;
  status: Generated<'queued' | 'running' | 'done' | 'failed'>;
  attempts: Generated<number>;
  run_after: Generated<Date>;
  locked_at: Timestamp | null;
  locked_by: string | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
  progress: Json<Record<string, unknown>> | null;
};

export type SettingTable = {
  key: string;
  value: Json<Record<string, unknown>>;
  updated_at: Generated<Date>;
};

export type AuditEventTable = {
  id: number;
  at: ColumnType<Date, Date | string, never>;
  actor: string;
  actor_name: string;
  door: 'web' | 'api' | 'cli' | 'job';
  action: string;
  person_id: number | null;
  subject: string | null;
  reason: string | null;
  details: ColumnType<Record<string, unknown>, string | undefined, never>;
  prev_hash: string | null;
  hash: string;
};

export type RectificationTable = {
  id: Generated<number>;
  person_id: number;
  field: string;
  earlier_value: string | null;
  corrected_value: string | null;
  reason: string;
  rectified_by: string;
  rectified_by_name: string;
  rectified_at: Timestamp;
};

export type LegalHoldTable = {
  id: Generated<number>;
  person_id: number;
  reason: string;
  placed_by: string;
  placed_by_name: string;
  placed_at: Timestamp;
  released_by: string | null;
  released_by_name: string | null;
  released_at: Timestamp | null;
};

export type RetentionRuleTable = {
  source_system_id: number;
  years: number;
  basis: 'last_seen' | 'ended';
  set_by: string;
  set_at: Timestamp;
};

export type RetentionRunTable = {
  id: Generated<number>;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  dry_run: boolean;
  actor: string;
  summary: Json<Record<string, unknown>>;
};

export type ContactPreferenceTable = {
  id: Generated<number>;
  person_id: number;
  channel: 'email' | 'sms' | 'phone' | 'post';
  purpose: 'service_updates' | 'marketing' | 'surveys';
  granted: boolean;
  source: 'phone' | 'in_person' | 'email' | 'letter' | 'online' | 'other';
  recorded_by: string;
  recorded_by_name: string;
  recorded_at: Timestamp;
};

export type OutboxEventTable = {
  id: Generated<number>;
  event_id: string;
  type: string;
  subject: string | null;
  payload: Json<Record<string, unknown>>;
  occurred_at: Timestamp;
  dispatched_at: Timestamp | null;
};

export type WebhookSubscriptionTable = {
  id: Generated<number>;
  name: string;
  target_url: string;
  event_types: string[];
  secret: string;
  active: Generated<boolean>;
  allow_private: Generated<boolean>;
  created_by: string;
  created_at: Timestamp;
  disabled_at: Timestamp | null;
};

export type WebhookDeliveryTable = {
  id: Generated<number>;
  subscription_id: number;
  outbox_event_id: number;
  status: Generated<'pending' | 'delivering' | 'delivered' | 'dead'>;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_at: Timestamp | null;
  locked_by: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: Timestamp;
  delivered_at: Timestamp | null;
};

export type ServiceTable = {
  id: Generated<number>;
  code: string;
  lgsl: number | null;
  name: string;
  team_id: number | null;
  sla_amount: number;
  sla_unit: 'working_days' | 'working_hours';
  guidance: Generated<string>;
  form: Json<Record<string, unknown>>;
  routing: Json<unknown[]>;
  is_active: Generated<boolean>;
  updated_at: Generated<Date>;
  updated_by: string;
};

export type ContactChannel = 'phone_in' | 'phone_out' | 'face_to_face' | 'web' | 'email' | 'sms' | 'letter';
export type ContactOutcome = 'resolved' | 'case_raised' | 'referred' | 'callback' | 'information' | 'no_action' | 'abandoned';
export type AvoidableReason = 'progress_chasing' | 'repeat_contact' | 'not_done_right' | 'unclear_information' | 'other';

export type ContactTable = {
  id: Generated<number>;
  person_id: number | null;
  channel: ContactChannel;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  status: Generated<'open' | 'wrapped'>;
  staff_user_id: number | null;
  recorded_by: string;
  caller_number: string | null;
  call_id: string | null;
  outcome: ContactOutcome | null;
  resolved_first_contact: boolean | null;
  avoidable: boolean | null;
  avoidable_reason: AvoidableReason | null;
  summary: Generated<string>;
  created_at: Generated<Date>;
};

export type ContactReasonTable = { contact_id: number; service_id: number };

export type CaseStatus = 'open' | 'in_progress' | 'waiting' | 'resolved' | 'closed' | 'cancelled';

export type ServiceCaseTable = {
  id: Generated<number>;
  reference: string;
  service_id: number;
  person_id: number | null;
  contact_id: number | null;
  status: Generated<CaseStatus>;
  team_id: number | null;
  assigned_to: number | null;
  answers: Json<Record<string, unknown>>;
  routing_reason: Generated<string>;
  opened_at: Timestamp;
  due_at: Timestamp;
  escalated_at: Timestamp | null;
  breached_at: Timestamp | null;
  closed_at: Timestamp | null;
  created_by: string;
  updated_at: Timestamp;
};

export type CaseEventKind = 'opened' | 'status' | 'assigned' | 'note' | 'attachment' | 'escalated' | 'breached' | 'due_changed';

export type CaseEventTable = {
  id: Generated<number>;
  case_id: number;
  kind: CaseEventKind;
  actor: string;
  actor_name: string;
  at: Timestamp;
  details: Json<Record<string, unknown>>;
};

export type CaseAttachmentTable = {
  id: Generated<number>;
  case_id: number;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string;
  uploaded_at: Timestamp;
};

export type AppointmentTable = {
  id: Generated<number>;
  location: string;
  person_id: number | null;
  visitor_name: string;
  phone: string | null;
  service_id: number | null;
  starts_at: Timestamp;
  ends_at: Timestamp;
  status: Generated<'booked' | 'arrived' | 'done' | 'cancelled' | 'no_show'>;
  notes: Generated<string>;
  booked_by: string;
  booked_at: Timestamp;
  cancelled_reason: string | null;
};

export type VisitTable = {
  id: Generated<number>;
  location: string;
  ticket: string;
  person_id: number | null;
  visitor_name: Generated<string>;
  service_id: number | null;
  appointment_id: number | null;
  status: Generated<'waiting' | 'called' | 'seen' | 'left'>;
  arrived_at: Timestamp;
  called_at: Timestamp | null;
  called_by: number | null;
  desk: string | null;
  finished_at: Timestamp | null;
  contact_id: number | null;
  issued_by: string;
};

export type DB = {
  team: TeamTable;
  staff_team: StaffTeamTable;
  break_glass: BreakGlassTable;
  source_system: SourceSystemTable;
  import_run: ImportRunTable;
  source_record: SourceRecordTable;
  source_record_version: SourceRecordVersionTable;
  person: PersonTable;
  person_name: PersonNameTable;
  person_link: PersonLinkTable;
  match_model: MatchModelTable;
  person_change: PersonChangeTable;
  person_change_person: PersonChangePersonTable;
  link_decision: LinkDecisionTable;
  match_review: MatchReviewTable;
  property: PropertyTable;
  occupancy: OccupancyTable;
  staff_user: StaffUserTable;
  staff_session: StaffSessionTable;
  api_token: ApiTokenTable;
  sign_in_failure: SignInFailureTable;
  rate_limit_window: RateLimitWindowTable;
  sign_in_challenge: SignInChallengeTable;
  job: JobTable;
  setting: SettingTable;
  audit_event: AuditEventTable;
  rectification: RectificationTable;
  legal_hold: LegalHoldTable;
  retention_rule: RetentionRuleTable;
  retention_run: RetentionRunTable;
  contact_preference: ContactPreferenceTable;
  service: ServiceTable;
  outbox_event: OutboxEventTable;
  webhook_subscription: WebhookSubscriptionTable;
  webhook_delivery: WebhookDeliveryTable;
  contact: ContactTable;
  contact_reason: ContactReasonTable;
  service_case: ServiceCaseTable;
  case_event: CaseEventTable;
  case_attachment: CaseAttachmentTable;
  appointment: AppointmentTable;
  visit: VisitTable;
};
