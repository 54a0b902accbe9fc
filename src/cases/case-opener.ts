import { sql } from 'kysely';
import { authorize } from '../access/policy.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import { checkAnswers } from '../catalogue/answers.ts';
import { routeRequest } from '../catalogue/routing.ts';
import * as services from '../catalogue/service.repository.ts';
import { lookupKey, type Service } from '../catalogue/service.ts';
import { dueAt, londonWallTime } from '../catalogue/sla.ts';
import type { Clock } from '../clock.ts';
import type { Queryable } from '../db/connection.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import type { Outbox } from '../integration/outbox.ts';
import { referenceFor } from '../people/reference.ts';
import { caseReferenceFor, type CaseRequest, type OpenedCase } from './case.ts';

export type CaseOpener = ReturnType<typeof createCaseOpener>;

// Raising cases inside the caller's transaction: a contact that raises two cases saves all three or none, and each
// case's "opened" event reaches the outbox in the same transaction, so a back office hears of every case exactly
// when it exists.
export function createCaseOpener({ clock, outbox }: { clock: Clock; outbox: Outbox }) {
  /**
   * Checks every request against its service's form before writing any, then opens them all. A request's problems
   * come back as field errors named `cases.<index>.<field>`, so a page can show each beside its form.
   */
  async function open(tx: Queryable, actor: AnyActor, requests: readonly CaseRequest[]): Promise<OpenedCase[]> {
    authorize(actor, 'case.raise');
    const now = clock.now();
    const today = londonWallTime(now).day;
    const checked = await Promise.all(requests.map(async (request, index) => {
      const service = await findActive(tx, request.service);
      const result = checkAnswers(service.form, request.answers, today);
      return { request, index, service, result };
    }));
    const fieldErrors: Record<string, string> = {};
    for (const { index, service, result } of checked) {
      if (!result.ok) for (const error of result.errors) fieldErrors[`cases.${index}.${error.field}`] = `${service.name}: ${error.text}`;
    }
    const first = Object.values(fieldErrors)[0];
    if (first) throw new ValidationFailed(first, fieldErrors);

    const teamCodes = [...new Set(checked.flatMap(({ service, result }) => (result.ok ? [routeRequest(service, result.answers).teamCode] : [])).filter((code): code is string => code !== null))];
    const teams = teamCodes.length === 0 ? [] : await tx.selectFrom('team').select(['id', 'code']).where('code', 'in', teamCodes).execute();
    const teamIds = new Map(teams.map((team) => [team.code, team.id]));
    const personIds = [...new Set(requests.flatMap((request) => (request.personId ? [request.personId] : [])))];
    const people = personIds.length === 0 ? [] : await tx.selectFrom('person').select(['id', 'status']).where('id', 'in', personIds).execute();
    for (const personId of personIds) if (!people.some((person) => person.id === personId && person.status === 'active')) throw new NotFound('The resident the case is for is not on record (or was merged into another).');

    const ids = await sql<{ id: string }>`select nextval('service_case_id_seq')::text as id from generate_series(1, ${requests.length})`.execute(tx);
    const by = actorLabel(actor);
    const byName = actor.kind === 'staff' ? actor.displayName : `OneStop (${actor.name})`;
    const opened: OpenedCase[] = [];
    for (const [position, { request, service, result }] of checked.entries()) {
      if (!result.ok) continue;
      const id = Number(ids.rows[position]?.id);
      const routed = routeRequest(service, result.answers);
      const due = dueAt(now, service.sla);
      const reference = caseReferenceFor(id);
      const teamId = routed.teamCode ? teamIds.get(routed.teamCode) ?? null : null;
      await tx.insertInto('service_case').values({
        id, reference, service_id: service.id, person_id: request.personId ?? null, contact_id: request.contactId ?? null,
        team_id: teamId, answers: JSON.stringify(result.answers), routing_reason: routed.reason,
        opened_at: now, due_at: due, created_by: by, updated_at: now,
      }).execute();
      await tx.insertInto('case_event').values({
        case_id: id, kind: 'opened', actor: by, actor_name: byName, at: now,
        details: JSON.stringify({ service: service.code, team: routed.teamCode, routing: routed.reason, dueAt: due.toISOString() }),
      }).execute();
      await outbox.publish(tx, {
        type: 'case.opened', subject: reference,
        payload: {
          reference, service: { code: service.code, lgsl: service.lgsl, name: service.name }, team: routed.teamCode,
          person: request.personId ? referenceFor(request.personId) : null, answers: result.answers, openedAt: now.toISOString(), dueAt: due.toISOString(),
        },
      });
      opened.push({ id, reference, serviceCode: service.code, serviceName: service.name, teamCode: routed.teamCode, routingReason: routed.reason, openedAt: now, dueAt: due });
    }
    return opened;
  }

  async function findActive(db: Queryable, codeOrLgsl: string): Promise<Service> {
    const service = await services.findService(db, lookupKey(codeOrLgsl));
    if (!service || !service.isActive) throw new NotFound(`There is no service ${codeOrLgsl} in the catalogue.`);
    return service;
  }

  return { open };
}
