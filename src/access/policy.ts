import { Forbidden } from '../errors.ts';
import type { AnyActor, Role } from './staff.ts';

// Who may do what: one table, consulted by the domain services, so that pages, the API, the command line and jobs
// all get the same answer. The council's own processes (imports, relinks, jobs) act as the system and may do all.

export const actions = [
  'person.search', 'person.view', 'person.reveal', 'person.break_glass',
  'identity.change', 'review.decide', 'matching.view', 'relink.run',
  'import.run', 'import.view', 'system.manage', 'user.manage',
  'catalogue.view', 'catalogue.manage',
  'audit.read', 'privacy.subject_access', 'privacy.rectify', 'privacy.erase', 'privacy.manage',
  'break_glass.review', 'consent.record', 'integration.manage',
  'contact.record', 'contact.view', 'case.raise', 'case.view', 'case.work', 'case.assign', 'case.oversee', 'visit.manage',
] as const;
export type Action = (typeof actions)[number];

const everyone: readonly Role[] = ['agent', 'adviser', 'service_team', 'team_leader', 'dpo', 'admin'];

/** The policy table: each action and the roles allowed it. */
export const policy: Readonly<Record<Action, readonly Role[]>> = {
  'person.search': everyone,
  'person.view': everyone,
  // Seeing a masked identifier in full asks for a reason, and is audited.
  'person.reveal': everyone,
  // Opening a restricted record in an emergency: anyone may, with a reason; it is flagged for review.
  'person.break_glass': everyone,
  'identity.change': ['service_team', 'team_leader', 'dpo', 'admin'],
  'review.decide': ['service_team', 'team_leader', 'dpo', 'admin'],
  'matching.view': everyone,
  'relink.run': ['admin'],
  'import.run': ['service_team', 'admin'],
  'import.view': ['service_team', 'team_leader', 'dpo', 'admin'],
  'system.manage': ['admin'],
  'user.manage': ['admin'],
  // Everyone who takes a request reads the service catalogue; administrators change it (issue 5).
  'catalogue.view': everyone,
  'catalogue.manage': ['admin'],
  'audit.read': ['dpo', 'admin'],
  'privacy.subject_access': ['dpo'],
  'privacy.rectify': ['service_team', 'team_leader', 'dpo'],
  'privacy.erase': ['dpo'],
  'privacy.manage': ['dpo', 'admin'],
  'break_glass.review': ['team_leader', 'dpo'],
  // Whoever the resident tells how they wish to be contacted writes it down (UK GDPR Article 7; PECR).
  'consent.record': everyone,
  // Webhooks send events out of the council, and may be allowed to reach its private network: administrators only.
  'integration.manage': ['admin'],
  // Issue 5. Everyone who talks to residents logs the contact and raises the requests it needs; the teams that deliver
  // a service work its cases; team leaders move work between people and watch their queues' ageing and breaches.
  'contact.record': everyone,
  'contact.view': everyone,
  'case.raise': everyone,
  'case.view': everyone,
  'case.work': ['service_team', 'team_leader', 'admin'],
  'case.assign': ['team_leader', 'admin'],
  'case.oversee': ['team_leader', 'admin'],
  // The One Stop Shop's front desk: issuing tickets, calling the next visitor, booking appointments.
  'visit.manage': ['agent', 'adviser', 'team_leader', 'admin'],
};

/** Identifiers shown in full to these roles; everyone else sees them masked until they give a reason. */
export const rolesSeeingIdentifiers: readonly Role[] = ['service_team', 'dpo'];

export function can(actor: AnyActor, action: Action): boolean {
  if (actor.kind === 'system') return true;
  return policy[action].includes(actor.role);
}

export function authorize(actor: AnyActor, action: Action): void {
  if (!can(actor, action)) throw new Forbidden(`Your role (${actor.kind === 'staff' ? actor.role.replace('_', ' ') : 'system'}) cannot ${describeAction(action)}.`);
}

export function seesIdentifiers(actor: AnyActor): boolean {
  return actor.kind === 'system' || rolesSeeingIdentifiers.includes(actor.role);
}

const descriptions: Record<Action, string> = {
  'person.search': 'search for residents', 'person.view': 'view residents', 'person.reveal': 'reveal identifiers',
  'person.break_glass': 'open restricted records', 'identity.change': 'merge, separate or move records', 'review.decide': 'decide possible matches',
  'matching.view': 'view how records are matched', 'relink.run': 'relink the council', 'import.run': 'import extracts', 'import.view': 'view imports',
  'system.manage': 'manage source systems', 'user.manage': 'manage staff accounts', 'audit.read': 'read the audit trail',
  'catalogue.view': 'view the service catalogue', 'catalogue.manage': 'change the service catalogue',
  'privacy.subject_access': 'produce subject access bundles', 'privacy.rectify': 'correct records', 'privacy.erase': 'erase or anonymise residents',
  'privacy.manage': 'manage retention and legal holds', 'break_glass.review': 'review break-glass access',
  'consent.record': 'record contact preferences', 'integration.manage': 'manage webhooks to back-office systems',
  'contact.record': 'record contacts', 'contact.view': 'view contacts', 'case.raise': 'raise cases', 'case.view': 'view cases',
  'case.work': 'work on cases', 'case.assign': 'assign cases to others', 'case.oversee': 'oversee team queues',
  'visit.manage': 'run the One Stop Shop queue and appointments',
};

export function describeAction(action: Action): string {
  return descriptions[action];
}

/** Masks an identifier but its last characters: "AB123456C" becomes "•••••••6C". */
export function maskIdentifier(value: string | null): string | null {
  if (value === null) return null;
  return `${'•'.repeat(Math.max(0, value.length - 2))}${value.slice(-2)}`;
}
