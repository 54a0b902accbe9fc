import type { Member } from './security-support.ts';
import type { OneStopShopSeeds } from '../../src/visits/visit.test-support.ts';

// A valid call to every write route, for test/security/mass-assignment.test.ts, and an invalid one where the route
// reads input. 'polluted' adds fields no form has, aimed at another resident, team and member of staff, at every
// role and flag, and at the prototype of whatever object a body is read into.

export type Seeds = {
  split: { reference: string; recordId: number }; merge: [string, string]; change: number;
  reviews: Record<'link' | 'not-same' | 'skip', number>; breakGlass: number; hold: number; restrictedReference: string; erasable: string;
  victim: { recordId: number; personId: number; reference: string }; victimTeamId: number; victimUserId: number; targetUserId: number;
  /** The contact centre's desk (src/contacts): an open contact for the desk's writes, and a popped call to end. */
  desk: { contact: number; callId: string };
  /** A case (src/cases) for each case write, open, in no team and with no one. */
  cases: Record<'status' | 'notes' | 'assign' | 'take' | 'attachments' | 'apiStatus' | 'apiNotes', string>;
  /** The One Stop Shop (src/visits): visits and appointments for each write (seedOneStopShop). */
  oneStopShop: OneStopShopSeeds;
};
export type Variant = 'plain' | 'polluted';
export type Call = { url: string; body?: Record<string, unknown> | string; headers?: Record<string, string>; freshSession?: boolean };
export type WriteCase = {
  /** The member of staff (by key) whose role may make the write. */
  as: string;
  call(seeds: Seeds, member: Member, variant: Variant): Call;
  invalid?(seeds: Seeds, member: Member): Call;
  /** The route's schema is strict: extra fields are refused with 400 rather than ignored. */
  refusesExtras?: boolean;
};

/** Fields no write route reads, each aimed at something a member of staff must not reach by naming it. */
export function extras(seeds: Seeds): Record<string, unknown> {
  return Object.fromEntries<unknown>([
    ['id', '987654'], ['person_id', seeds.victim.personId], ['personId', seeds.victim.personId], ['source_record_id', seeds.victim.recordId],
    ['reference', seeds.victim.reference], ['role', 'admin'], ['is_active', 'false'], ['isActive', 'false'], ['created_at', '2000-01-01T00:00:00Z'],
    ['createdAt', '2000-01-01T00:00:00Z'], ['restricted', 'yes'], ['team_id', seeds.victimTeamId], ['teamId', seeds.victimTeamId], ['team', 'adult_social_care'],
    ['status', 'merged'], ['actor', 'attacker@example.org'], ['actor_name', 'Attacker'], ['decided_by', seeds.victimUserId], ['decidedBy', seeds.victimUserId],
    ['user_id', seeds.victimUserId], ['staff_user_id', seeds.victimUserId], ['scopes', 'imports:write'], ['is_demo', 'true'], ['erased_at', '2000-01-01'],
    ['system', 'adult_social_care'], ['full', 'yes'], ['trust', '100'], ['back', 'https://attacker.example.org/'], ['next', 'https://attacker.example.org/'],
    ['__proto__', 'polluted'], ['__proto__[role]', 'admin'], ['__proto__[isAdmin]', 'true'], ['constructor[prototype][polluted]', 'yes'], ['constructor', 'polluted'],
  ]);
}

const uploadExtras = (seeds: Seeds) => Object.fromEntries(['id', 'status', 'actor', 'started_by', 'source_system_id', 'created_at', 'role'].map((key) => [key, extras(seeds)[key] ?? '1']));

/** A form (or JSON) body; polluted, with every extra field the body does not already have. */
function body(seeds: Seeds, variant: Variant, fields: Record<string, unknown>): Record<string, unknown> {
  if (variant === 'plain') return fields;
  return { ...Object.fromEntries(Object.entries(extras(seeds)).filter(([key]) => !(key in fields))), ...fields };
}
const form = (url: string, fields: Record<string, unknown> = {}) => (seeds: Seeds, _member: Member, variant: Variant): Call => ({ url, body: body(seeds, variant, fields) });
const at = (url: (seeds: Seeds) => string, fields: (seeds: Seeds) => Record<string, unknown> = () => ({})) =>
  (seeds: Seeds, _member: Member, variant: Variant): Call => ({ url: url(seeds), body: body(seeds, variant, fields(seeds)) });

function multipart(csrf: string, fields: Record<string, unknown>, file: string): Call {
  const boundary = 'mass-assignment-boundary';
  const part = (name: string, value: string, fileName?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"\r\nContent-Type: text/csv` : ''}\r\n\r\n${value}\r\n`;
  const parts = Object.entries(fields).map(([name, value]) => part(name, String(value))).join('');
  return { url: '/imports', body: `${part('_csrf', csrf)}${parts}${file ? part('file', file, 'new.csv') : ''}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export const writeCases: Record<string, WriteCase> = {
  'POST /sign-in': { as: 'adviser', call: (seeds, member, variant) => form('/sign-in', { email: member.email, password: 'a-long-password-for-tests' })(seeds, member, variant), invalid: (seeds) => ({ url: '/sign-in', body: body(seeds, 'polluted', { email: '', password: '' }) }) },
  'POST /sign-in/code': { as: 'adviser', call: form('/sign-in/code', { code: '123456' }) },
  'POST /sign-out': { as: 'adviser', call: (seeds, member, variant) => ({ ...form('/sign-out')(seeds, member, variant), freshSession: true }) },
  'POST /session/extend': { as: 'adviser', call: form('/session/extend') },
  'POST /account/two-factor': { as: 'adviser', call: form('/account/two-factor', { code: '000000' }), invalid: (seeds) => ({ url: '/account/two-factor', body: body(seeds, 'polluted', { code: '' }) }) },
  'POST /people/:reference/reveal': { as: 'adviser', call: at((s) => `/people/${s.split.reference}/reveal`, () => ({ reason: 'The caller asked to check it' })) },
  'POST /people/:reference/break-glass': {
    as: 'agent', call: at((s) => `/people/${s.restrictedReference}/break-glass`, () => ({ reason: 'Caller says the resident has had a fall' })),
    invalid: (seeds) => ({ url: `/people/${seeds.restrictedReference}/break-glass`, body: body(seeds, 'polluted', { reason: '' }) }),
  },
  'POST /people/:reference/merge': {
    as: 'team_leader', call: at((s) => `/people/${s.merge[0]}/merge`, (s) => ({ other: s.merge[1], reason: 'The same person twice' })),
    invalid: (seeds) => ({ url: `/people/${seeds.merge[0]}/merge`, body: body(seeds, 'polluted', { other: seeds.merge[0], reason: 'Itself' }) }),
  },
  'POST /people/:reference/split': {
    as: 'team_leader', call: at((s) => `/people/${s.split.reference}/split`, (s) => ({ records: String(s.split.recordId), reason: 'Someone else' })),
    invalid: (seeds) => ({ url: `/people/${seeds.split.reference}/split`, body: body(seeds, 'polluted', { records: String(seeds.victim.recordId), reason: 'Not theirs' }) }),
  },
  'POST /changes/:id/undo': { as: 'team_leader', call: at((s) => `/changes/${s.change}/undo`, () => ({ reason: 'Merged by mistake', back: '/people' })), invalid: (seeds) => ({ url: '/changes/987654/undo', body: body(seeds, 'polluted', { reason: 'No such change' }) }) },
  'POST /people/:reference/privacy/preferences': {
    as: 'agent', call: at((s) => `/people/${s.split.reference}/privacy/preferences`, () => ({ channel: 'email', purpose: 'service_updates', granted: 'yes', source: 'phone' })),
    invalid: (seeds) => ({ url: `/people/${seeds.split.reference}/privacy/preferences`, body: body(seeds, 'polluted', { channel: 'pigeon', purpose: 'marketing', granted: 'yes', source: 'phone' }) }),
  },
  'POST /people/:reference/privacy/corrections': {
    as: 'dpo', call: at((s) => `/people/${s.split.reference}/privacy/corrections`, () => ({ field: 'town', value: 'Bootle', reason: 'Resident asked' })),
    invalid: (seeds) => ({ url: `/people/${seeds.split.reference}/privacy/corrections`, body: body(seeds, 'polluted', { field: 'role', value: 'admin', reason: 'Resident asked' }) }),
  },
  'POST /people/:reference/privacy/holds': {
    as: 'dpo', call: at((s) => `/people/${s.split.reference}/privacy/holds`, () => ({ reason: 'Litigation pending' })),
    invalid: (seeds) => ({ url: `/people/${seeds.split.reference}/privacy/holds`, body: body(seeds, 'polluted', { reason: '' }) }),
  },
  'POST /people/:reference/privacy/holds/:id/release': { as: 'dpo', call: at((s) => `/people/${s.split.reference}/privacy/holds/${s.hold}/release`) },
  'POST /people/:reference/erase': {
    as: 'dpo', call: at((s) => `/people/${s.erasable}/erase`, () => ({ reason: 'The resident asked to be forgotten' })),
    invalid: (seeds) => ({ url: `/people/${seeds.split.reference}/erase`, body: body(seeds, 'polluted', { reason: 'Under a legal hold' }) }),
  },
  'POST /privacy/retention': {
    as: 'dpo', call: form('/privacy/retention', { systemCode: 'council_tax', years: '6', basis: 'last_seen' }),
    invalid: (seeds) => ({ url: '/privacy/retention', body: body(seeds, 'polluted', { systemCode: 'council_tax', years: 'many', basis: 'last_seen' }) }),
  },
  'POST /privacy/retention/run': { as: 'dpo', call: form('/privacy/retention/run') },
  'POST /reviews/:id/link': { as: 'team_leader', call: at((s) => `/reviews/${s.reviews.link}/link`) },
  'POST /reviews/:id/not-same': { as: 'team_leader', call: at((s) => `/reviews/${s.reviews['not-same']}/not-same`, () => ({ reason: 'Different people' })) },
  'POST /reviews/:id/skip': { as: 'team_leader', call: at((s) => `/reviews/${s.reviews.skip}/skip`) },
  'POST /matching/relink': { as: 'admin', call: form('/matching/relink') },
  'POST /break-glass/:id/reviewed': { as: 'team_leader', call: at((s) => `/break-glass/${s.breakGlass}/reviewed`) },
  'POST /admin/systems/:code': {
    as: 'admin', call: form('/admin/systems/council_tax', { name: 'Council Tax Revenues', trust: '60', restricted: '', team: '' }),
    invalid: (seeds) => ({ url: '/admin/systems/council_tax', body: body(seeds, 'polluted', { name: 'Council Tax', trust: 'lots', restricted: '', team: 'no_such_team' }) }),
  },
  'POST /services/:code': {
    as: 'agent', call: form('/services/fly-tipping', { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' }),
    invalid: (seeds) => ({ url: '/services/fly-tipping', body: body(seeds, 'polluted', { location: '', wasteType: 'nothing' }) }),
  },
  'POST /admin/services/:code': {
    as: 'admin', call: form('/admin/services/pothole', { name: 'Report a pothole', lgsl: '', team: 'highways', slaAmount: '5', slaUnit: 'working_days', guidance: 'Measure it.', active: 'yes', form: '{"fields": []}', routing: '[]' }),
    invalid: (seeds) => ({ url: '/admin/services/pothole', body: body(seeds, 'polluted', { name: '', slaAmount: 'soon', slaUnit: 'weeks', active: 'maybe', form: '{', routing: '' }) }),
  },
  'POST /admin/teams': {
    as: 'admin', call: form('/admin/teams', { code: 'benefits', name: 'Benefits', contact: 'Reception' }),
    invalid: (seeds) => ({ url: '/admin/teams', body: body(seeds, 'polluted', { code: 'Not A Code!', name: '', contact: '' }) }),
  },
  'POST /admin/staff/:id/disable': { as: 'admin', call: at((s) => `/admin/staff/${s.targetUserId}/disable`), invalid: (seeds) => ({ url: '/admin/staff/987654/disable', body: body(seeds, 'polluted', {}) }) },
  'POST /admin/staff/:id/enable': { as: 'admin', call: at((s) => `/admin/staff/${s.targetUserId}/enable`), invalid: (seeds) => ({ url: '/admin/staff/987654/enable', body: body(seeds, 'polluted', {}) }) },
  // No dead delivery is seeded: the re-drive is refused as not found, alike on both databases.
  'POST /admin/webhooks/deliveries/:id/redrive': { as: 'admin', call: at(() => '/admin/webhooks/deliveries/987654/redrive'), invalid: (seeds) => ({ url: '/admin/webhooks/deliveries/0/redrive', body: body(seeds, 'polluted', {}) }) },
  'POST /imports': {
    // The upload takes at most ten fields (app.ts), so seven of the extras: more are refused with 413, and a field
    // named __proto__ or constructor with 400 by @fastify/multipart, before anything is written.
    as: 'admin', call: (seeds, member, variant) => multipart(member.csrf, variant === 'plain' ? { system: 'council_tax', full: '' } : { ...uploadExtras(seeds), system: 'council_tax', full: '' }, 'source_id,given_name\nNEW1,Newcomer\n'),
    invalid: (seeds, member) => multipart(member.csrf, { ...uploadExtras(seeds), system: '' }, ''),
  },
  'POST /api/v1/match': { as: 'agent', call: form('/api/v1/match', { given_name: 'Splitter', family_name: 'Person' }), refusesExtras: true, invalid: () => ({ url: '/api/v1/match', body: { limit: 'lots' } }) },
  'POST /api/v1/imports': {
    as: 'admin',
    call: (seeds, _member, variant) => ({
      url: `/api/v1/imports?${new URLSearchParams(variant === 'plain' ? { system: 'council_tax' } : { ...Object.fromEntries(Object.entries(extras(seeds)).map(([key, value]) => [key, String(value)])), system: 'council_tax', full: 'false' }).toString()}`,
      body: 'source_id,given_name\nAPI1,Newcomer\n', headers: { 'content-type': 'text/csv' },
    }),
    invalid: () => ({ url: '/api/v1/imports', body: 'source_id,given_name\nAPI2,Newcomer\n', headers: { 'content-type': 'text/csv' } }),
  },
  'POST /cases/new': {
    as: 'agent', call: form('/cases/new', { service: 'fly-tipping', person: '', location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', witnessed: 'no' }),
    invalid: (seeds) => ({ url: '/cases/new', body: body(seeds, 'polluted', { service: 'fly-tipping', person: '', location: '', wasteType: 'nothing' }) }),
  },
  'POST /cases/:reference/status': {
    as: 'team_leader', call: at((s) => `/cases/${s.cases.status}/status`, () => ({ status: 'in_progress', reason: '' })),
    invalid: (seeds) => ({ url: `/cases/${seeds.cases.status}/status`, body: body(seeds, 'polluted', { status: 'closed', reason: '' }) }),
  },
  'POST /cases/:reference/notes': {
    as: 'team_leader', call: at((s) => `/cases/${s.cases.notes}/notes`, () => ({ text: 'Called the resident back' })),
    invalid: (seeds) => ({ url: `/cases/${seeds.cases.notes}/notes`, body: body(seeds, 'polluted', { text: ' ' }) }),
  },
  'POST /cases/:reference/assign': {
    as: 'team_leader', call: (seeds, member, variant) => at((s) => `/cases/${s.cases.assign}/assign`, () => ({ team: 'highways', assignee: String(member.userId) }))(seeds, member, variant),
    invalid: (seeds) => ({ url: `/cases/${seeds.cases.assign}/assign`, body: body(seeds, 'polluted', { team: 'no_such_team', assignee: 'someone' }) }),
  },
  'POST /cases/:reference/take': { as: 'team_leader', call: at((s) => `/cases/${s.cases.take}/take`) },
  'POST /cases/:reference/attachments': {
    // The token first, then the file; extras as form fields the route does not read.
    as: 'team_leader', call: (seeds, member, variant) => caseUpload(`/cases/${seeds.cases.attachments}/attachments`, member.csrf, variant === 'plain' ? {} : uploadExtras(seeds), 'The tyres are still there.\n'),
    invalid: (seeds, member) => caseUpload(`/cases/${seeds.cases.attachments}/attachments`, member.csrf, uploadExtras(seeds), '<html><script>alert(1)</script></html>'),
  },
  'POST /api/v1/cases': {
    as: 'team_leader', call: form('/api/v1/cases', { service: 'fly-tipping', answers: { location: 'Hope Street', wasteType: 'tyres', hazardous: 'no', hazardDetails: '', witnessed: 'no' } }),
    invalid: (seeds) => ({ url: '/api/v1/cases', body: body(seeds, 'polluted', { service: 'fly-tipping', answers: { location: '' } }) }),
  },
  'POST /api/v1/cases/:reference/status': {
    as: 'team_leader', call: at((s) => `/api/v1/cases/${s.cases.apiStatus}/status`, () => ({ status: 'waiting' })),
    invalid: (seeds) => ({ url: `/api/v1/cases/${seeds.cases.apiStatus}/status`, body: body(seeds, 'polluted', { status: 'resolved', reason: '' }) }),
  },
  'POST /api/v1/cases/:reference/notes': {
    as: 'team_leader', call: at((s) => `/api/v1/cases/${s.cases.apiNotes}/notes`, () => ({ text: 'Called the resident back' })),
    invalid: (seeds) => ({ url: `/api/v1/cases/${seeds.cases.apiNotes}/notes`, body: body(seeds, 'polluted', { text: '' }) }),
  },
  // The One Stop Shop: the shop is chosen by its name (a form field), never by anything the extras name.
  'POST /one-stop-shop/call-next': {
    as: 'adviser', call: form('/one-stop-shop/call-next', { location: 'Town Hall One Stop Shop', desk: 'Desk 3' }),
    invalid: (seeds) => ({ url: '/one-stop-shop/call-next', body: body(seeds, 'polluted', { location: 'Town Hall One Stop Shop', desk: '' }) }),
  },
  'POST /one-stop-shop/tickets': {
    as: 'agent', call: form('/one-stop-shop/tickets', { location: 'Town Hall One Stop Shop', visitorName: 'Walk-in', serviceCode: 'missed-bin', action: 'issue' }),
    invalid: (seeds) => ({ url: '/one-stop-shop/tickets', body: body(seeds, 'polluted', { visitorName: 'Walk-in', personReference: 'NOT-AREF', action: 'issue' }) }),
  },
  'POST /one-stop-shop/visits/:id/call': {
    as: 'adviser', call: at((s) => `/one-stop-shop/visits/${s.oneStopShop.visits.call}/call`, () => ({ desk: 'Desk 2' })),
    invalid: (seeds) => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.call}/call`, body: body(seeds, 'polluted', { desk: '' }) }),
  },
  'POST /one-stop-shop/visits/:id/finish': {
    as: 'adviser', call: at((s) => `/one-stop-shop/visits/${s.oneStopShop.visits.finish}/finish`, () => ({ outcome: 'resolved', resolvedFirstTime: 'yes', summary: 'Helped at the desk' })),
    invalid: (seeds) => ({ url: `/one-stop-shop/visits/${seeds.oneStopShop.visits.finish}/finish`, body: body(seeds, 'polluted', { outcome: 'vanished', resolvedFirstTime: 'perhaps' }) }),
  },
  'POST /one-stop-shop/visits/:id/left': { as: 'agent', call: at((s) => `/one-stop-shop/visits/${s.oneStopShop.visits.left}/left`) },
  'POST /one-stop-shop/appointments': {
    as: 'agent', call: at(() => '/one-stop-shop/appointments', (s) => ({ location: 'Town Hall One Stop Shop', day: s.oneStopShop.day, length: '30', time: '11:00', visitorName: 'Sam Jones', phone: '0151 496 0000', serviceCode: 'blue-badge', notes: '', action: 'book' })),
    invalid: (seeds) => ({ url: '/one-stop-shop/appointments', body: body(seeds, 'polluted', { day: seeds.oneStopShop.day, length: '30', time: '11:00', visitorName: '', action: 'book' }) }),
  },
  'POST /one-stop-shop/appointments/:id/cancel': {
    as: 'agent', call: at((s) => `/one-stop-shop/appointments/${s.oneStopShop.appointments.cancel}/cancel`, () => ({ reason: 'Resident rang' })),
    invalid: (seeds) => ({ url: `/one-stop-shop/appointments/${seeds.oneStopShop.appointments.cancel}/cancel`, body: body(seeds, 'polluted', { reason: '' }) }),
  },
  'POST /one-stop-shop/appointments/:id/no-show': { as: 'agent', call: at((s) => `/one-stop-shop/appointments/${s.oneStopShop.appointments.noShow}/no-show`) },
  'POST /one-stop-shop/appointments/:id/check-in': { as: 'agent', call: at((s) => `/one-stop-shop/appointments/${s.oneStopShop.appointments.checkIn}/check-in`) },
  // The contact centre's desk and the contact API: the contact is named in the address, never by the extras.
  'POST /desk/contacts': { as: 'agent', call: form('/desk/contacts', { channel: 'web' }), invalid: (seeds) => ({ url: '/desk/contacts', body: body(seeds, 'polluted', { channel: 'pigeon' }) }) },
  'POST /desk/contacts/:id/person': {
    as: 'agent', call: at((s) => `/desk/contacts/${s.desk.contact}/person`, (s) => ({ person: s.split.reference })),
    invalid: (seeds) => ({ url: `/desk/contacts/${seeds.desk.contact}/person`, body: body(seeds, 'polluted', { person: 'NOT-AREF' }) }),
  },
  'POST /desk/contacts/:id/check': {
    as: 'agent', call: at((s) => `/desk/contacts/${s.desk.contact}/check`, () => ({ service: 'missed-bin', ...deskMissedBin })),
    invalid: (seeds) => ({ url: `/desk/contacts/${seeds.desk.contact}/check`, body: body(seeds, 'polluted', { service: 'missed-bin', 'c0-binType': 'nothing' }) }),
  },
  'POST /desk/contacts/:id/cases': {
    as: 'agent', call: at((s) => `/desk/contacts/${s.desk.contact}/cases`, () => ({ service: 'missed-bin', ...deskMissedBin })),
    invalid: (seeds) => ({ url: `/desk/contacts/${seeds.desk.contact}/cases`, body: body(seeds, 'polluted', { service: 'missed-bin', 'c0-binType': 'nothing' }) }),
  },
  'POST /desk/contacts/:id/wrap-up': {
    as: 'agent', call: at((s) => `/desk/contacts/${s.desk.contact}/wrap-up`, () => ({ outcome: 'case_raised', resolvedFirstContact: 'yes', avoidable: 'no', summary: 'Missed bin' })),
    invalid: (seeds) => ({ url: `/desk/contacts/${seeds.desk.contact}/wrap-up`, body: body(seeds, 'polluted', { outcome: 'vanished', avoidable: 'yes' }) }),
  },
  'POST /api/v1/calls': {
    as: 'agent', call: (seeds, member, variant) => form('/api/v1/calls', { callerNumber: '07700 900123', callId: 'mass-call', agentEmail: member.email })(seeds, member, variant),
    invalid: (seeds, member) => ({ url: '/api/v1/calls', body: body(seeds, 'polluted', { callerNumber: '', callId: 'mass-invalid', agentEmail: member.email }) }),
  },
  'POST /api/v1/calls/:callId/end': { as: 'agent', call: at((s) => `/api/v1/calls/${s.desk.callId}/end`) },
  'POST /api/v1/contacts': {
    as: 'agent', call: form('/api/v1/contacts', { channel: 'letter', outcome: 'information', resolvedFirstContact: true, avoidable: false, summary: 'A letter' }),
    invalid: (seeds) => ({ url: '/api/v1/contacts', body: body(seeds, 'polluted', { channel: 'letter', resolvedFirstContact: true, avoidable: false, cases: [{ service: 'missed-bin', answers: {} }] }) }),
  },
};

const deskMissedBin = { 'c0-binType': 'general', 'c0-outOnTime': 'yes', 'c0-address-line1': '1 High Street', 'c0-address-postcode': 'L1 8JQ' };

function caseUpload(url: string, csrf: string, fields: Record<string, unknown>, content: string): Call {
  const boundary = 'mass-assignment-boundary';
  const part = (name: string, value: string, fileName?: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${fileName ? `; filename="${fileName}"\r\nContent-Type: text/plain` : ''}\r\n\r\n${value}\r\n`;
  const parts = Object.entries(fields).map(([name, value]) => part(name, String(value))).join('');
  return { url, body: `${part('_csrf', csrf)}${parts}${part('file', content, 'note.txt')}--${boundary}--\r\n`, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
