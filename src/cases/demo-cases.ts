import type { SystemActor } from '../access/staff.ts';
import type { Clock } from '../clock.ts';
import { Random } from '../demo/random.ts';
import type { Services } from '../deps.ts';
import type { CaseStatus } from '../db/schema.ts';
import { createCaseOpener } from './case-opener.ts';
import { createCaseService } from './case.service.ts';

// A few dozen cases for the demonstration council, so that the queues are not empty: raised over the last four
// weeks for demo residents, in every state, some of them past their due date (the SLA alerts mark those).

const demoActor: SystemActor = { kind: 'system', name: 'demo', door: 'cli' };

const requests: Array<{ service: string; answers: (place: string) => Record<string, unknown> }> = [
  { service: 'fly-tipping', answers: (place) => ({ location: `${place}, by the post box`, wasteType: 'furniture', hazardous: 'no', witnessed: 'no' }) },
  { service: 'missed-bin', answers: (place) => ({ 'address-line1': place, 'address-postcode': 'L1 8JQ', binType: 'recycling', outOnTime: 'yes' }) },
  { service: 'pothole', answers: (place) => ({ location: place, surface: 'road', size: 'medium', causedDamage: 'no' }) },
  { service: 'graffiti', answers: (place) => ({ location: `${place}, bus shelter`, surface: 'utility', offensive: 'no' }) },
  { service: 'dog-fouling', answers: (place) => ({ location: `${place}, the park entrance`, ownerKnown: 'no' }) },
];
const places = ['Hope Street', 'Bold Street', 'Canal Walk', 'Mill Lane', 'Church Road', 'Station Approach', 'Park Avenue', 'Victoria Street'];
const endings: Array<{ status: CaseStatus; reason: string; weight: number }> = [
  { status: 'open', reason: '', weight: 10 }, { status: 'in_progress', reason: '', weight: 8 }, { status: 'waiting', reason: '', weight: 3 },
  { status: 'resolved', reason: 'Cleared by the crew', weight: 5 }, { status: 'closed', reason: 'Cleared by the crew', weight: 4 }, { status: 'cancelled', reason: 'Reported twice', weight: 2 },
];

export async function loadDemoCases(services: Services, options: { seed: number; count?: number }): Promise<number> {
  await services.catalogue.loadStarter(demoActor);
  const random = new Random(options.seed, 5);
  const people = await services.db.selectFrom('person').select('reference').where('status', '=', 'active').orderBy('id').limit(200).execute();
  const assignees = await services.db.selectFrom('staff_user').select('id').where('role', 'in', ['service_team', 'team_leader']).where('is_active', '=', true).orderBy('id').execute();
  const now = services.clock.now().getTime();
  const count = options.count ?? 40;
  for (let index = 0; index < count; index++) {
    // Raised on the clock of its day: the case opener takes the time it is raised from its clock.
    // Most raised this past week, within their time; a quarter up to four weeks ago, most of those overdue by now.
    const hoursAgo = random.chance(0.25) ? random.int(7 * 24, 28 * 24) : random.int(0, 5 * 24);
    const raisedAt = new Date(now - hoursAgo * 3_600_000);
    const clock: Clock = { now: () => raisedAt };
    const opener = createCaseOpener({ clock, outbox: services.integration.outbox });
    const cases = createCaseService({ db: services.db, audit: services.audit, clock, outbox: services.integration.outbox, caseOpener: opener, teams: services.teams });
    const request = requests[index % requests.length] ?? requests[0];
    const person = people.length > 0 ? people[random.int(0, people.length - 1)]?.reference : undefined;
    if (!request) continue;
    const { reference } = await cases.raise(demoActor, { service: request.service, answers: request.answers(places[random.int(0, places.length - 1)] ?? 'High Street'), person: person ?? null });
    const ending = pick(random, endings);
    const assignee = assignees.length > 0 && ending.status !== 'open' ? assignees[random.int(0, assignees.length - 1)]?.id : undefined;
    if (assignee !== undefined) await cases.assign(demoActor, reference, { assigneeId: assignee });
    for (const status of pathTo(ending.status)) await cases.changeStatus(demoActor, reference, { status, reason: ending.reason });
  }
  await services.caseAlerts.raiseAlerts();
  return count;
}

function pathTo(status: CaseStatus): CaseStatus[] {
  if (status === 'open') return [];
  if (status === 'closed') return ['in_progress', 'resolved', 'closed'];
  return status === 'in_progress' ? ['in_progress'] : ['in_progress', status];
}

function pick<T extends { weight: number }>(random: Random, items: readonly T[]): T {
  const total = items.reduce((sum, item) => sum + item.weight, 0);
  let left = random.int(0, total - 1);
  for (const item of items) {
    if (left < item.weight) return item;
    left -= item.weight;
  }
  return items[0] as T;
}
