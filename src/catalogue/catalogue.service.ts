import type { z } from 'zod';
import { authorize } from '../access/policy.ts';
import type { AnyActor } from '../access/staff.ts';
import type { TeamService } from '../access/team.service.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { checkAnswers, type Checked } from './answers.ts';
import { optionValues } from './form-definition.ts';
import { routeRequest, type Routed } from './routing.ts';
import * as repository from './service.repository.ts';
import { catalogueFileSchema, lookupKey, serviceInputSchema, type ParsedServiceInput, type Service, type ServiceInput } from './service.ts';
import { dueAt, londonWallTime } from './sla.ts';
import { starterCatalogue, starterTeams } from './starter-catalogue.ts';

export type CatalogueService = ReturnType<typeof createCatalogueService>;
export type ImportOutcome = { ok: true; added: number; changed: number } | { ok: false; problems: string[] };
export type Preview = { service: Service; checked: Checked; routed?: Routed; dueAt: Date };

// The service catalogue: what the council does for residents, who does it, how quickly, and what to ask.
export function createCatalogueService({ db, audit, clock, teams }: { db: Db; audit: AuditRecorder; clock: Clock; teams: TeamService }) {
  async function list(actor: AnyActor, options: { includeInactive?: boolean } = {}): Promise<Service[]> {
    authorize(actor, 'catalogue.view');
    return repository.listServices(db, { activeOnly: !options.includeInactive });
  }

  /** One service by its code or LGSL number; an inactive one only for those who manage the catalogue. */
  async function get(actor: AnyActor, codeOrLgsl: string): Promise<Service> {
    authorize(actor, 'catalogue.view');
    const service = await repository.findService(db, lookupKey(codeOrLgsl));
    if (!service) throw new NotFound(`There is no service ${codeOrLgsl} in the catalogue.`);
    return service;
  }

  /** Adds a service or changes one, all of it at once, as an administrator edits it. */
  async function save(actor: AnyActor, input: ServiceInput): Promise<Service> {
    authorize(actor, 'catalogue.manage');
    const parsed = parseOrThrow(input);
    const teamIds = await teamIdsFor([parsed]);
    const problems = await problemsOf(parsed, teamIds);
    if (problems.length > 0) throw new ValidationFailed(problems[0] ?? 'The service is not valid.', Object.fromEntries(problems.map((problem, index) => [String(index), problem])));
    await withTransaction(db, async (tx) => {
      const existed = (await repository.findService(tx, { code: parsed.code })) !== undefined;
      await repository.saveService(tx, parsed, teamIds.get(parsed.team ?? '') ?? null, auditActorOf(actor).actor, clock.now());
      await audit.record(tx, { ...auditActorOf(actor), action: 'service.change', subject: `service:${parsed.code}`, details: { code: parsed.code, created: !existed, active: parsed.active } });
    });
    return get(actor, parsed.code);
  }

  /** A catalogue file ({ services: [...] }): every service checked before any is written, then all in one go. */
  async function importCatalogue(actor: AnyActor, file: unknown, options: { onlyNew?: boolean } = {}): Promise<ImportOutcome> {
    authorize(actor, 'catalogue.manage');
    const parsed = catalogueFileSchema.safeParse(file);
    if (!parsed.success) return { ok: false, problems: parsed.error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`) };
    const services = parsed.data.services;
    const duplicates = services.map((service) => service.code).filter((code, index, codes) => codes.indexOf(code) !== index);
    if (duplicates.length > 0) return { ok: false, problems: [`The file lists ${duplicates[0]} more than once.`] };
    const teamIds = await teamIdsFor(services);
    const problems = (await Promise.all(services.map(async (service) => (await problemsOf(service, teamIds, services)).map((problem) => `${service.code}: ${problem}`)))).flat();
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, 20) };
    return withTransaction(db, async (tx) => {
      const existing = await repository.codesTaken(tx, services.map((service) => service.code));
      let written = 0;
      for (const service of services) if (await repository.saveService(tx, service, teamIds.get(service.team ?? '') ?? null, auditActorOf(actor).actor, clock.now(), options.onlyNew)) written += 1;
      const added = services.filter((service) => !existing.has(service.code)).length;
      const outcome = { ok: true as const, added, changed: written - added };
      await audit.record(tx, { ...auditActorOf(actor), action: 'service.import', subject: 'catalogue', details: { added, changed: outcome.changed, listed: services.length } });
      return outcome;
    });
  }

  /** The starter catalogue, with the teams it names: adds what is missing and changes nothing an administrator set. */
  async function loadStarter(actor: AnyActor): Promise<ImportOutcome> {
    authorize(actor, 'catalogue.manage');
    for (const team of starterTeams) if (!(await teams.find(team.code))) await teams.saveTeam(actor, team);
    return importCatalogue(actor, { services: starterCatalogue }, { onlyNew: true });
  }

  /** On first run: the starter catalogue when the catalogue is empty, and nothing otherwise. */
  async function ensureStarter(actor: AnyActor): Promise<ImportOutcome | undefined> {
    if ((await repository.countServices(db)) > 0) return undefined;
    return loadStarter(actor);
  }

  /** Checks answers to a service's form as a request would be, storing nothing: its errors, or its team and due time. */
  async function preview(actor: AnyActor, codeOrLgsl: string, raw: Record<string, unknown>): Promise<Preview> {
    const service = await get(actor, codeOrLgsl);
    const now = clock.now();
    const checked = checkAnswers(service.form, raw, londonWallTime(now).day);
    return { service, checked, ...(checked.ok ? { routed: routeRequest(service, checked.answers) } : {}), dueAt: dueAt(now, service.sla) };
  }

  async function teamIdsFor(services: readonly ParsedServiceInput[]): Promise<Map<string, number>> {
    const codes = new Set(services.flatMap((service) => [service.team, ...service.routing.map((rule) => rule.team)]).filter((code): code is string => code !== null));
    const found = await Promise.all([...codes].map(async (code) => [code, (await teams.find(code))?.id] as const));
    return new Map(found.flatMap(([code, id]) => (id === undefined ? [] : [[code, id] as const])));
  }

  /** What the schema cannot see: teams that exist, routing on questions the form asks, an LGSL number used once. */
  async function problemsOf(service: ParsedServiceInput, teamIds: Map<string, number>, batch: readonly ParsedServiceInput[] = [service]): Promise<string[]> {
    const problems: string[] = [];
    for (const code of [service.team, ...service.routing.map((rule) => rule.team)]) {
      if (code !== null && !teamIds.has(code)) problems.push(`There is no team ${code}: add it first (Administration, or onestop team add).`);
    }
    for (const rule of service.routing) {
      if (!rule.field || !rule.equals) continue;
      const field = service.form.fields.find((candidate) => candidate.name === rule.field);
      if (!field) problems.push(`A routing rule uses the answer to ${rule.field}, but the form has no such question.`);
      else if (optionValues(field).length > 0) {
        const unknown = rule.equals.filter((value) => !optionValues(field).includes(value));
        if (unknown.length > 0) problems.push(`A routing rule expects ${rule.field} to be "${unknown[0]}", which is not one of its options.`);
      }
    }
    if (service.lgsl !== null) {
      const holder = await repository.lgslHolder(db, service.lgsl);
      const inBatch = batch.filter((other) => other.lgsl === service.lgsl).length > 1;
      const movedAway = holder !== undefined && batch.some((other) => other.code === holder && other.lgsl !== service.lgsl);
      if (inBatch || (holder !== undefined && holder !== service.code && !movedAway)) problems.push(`LGSL ${service.lgsl} already belongs to ${holder ?? 'another service in the file'}.`);
    }
    return [...new Set(problems)];
  }

  return { list, get, save, importCatalogue, loadStarter, ensureStarter, preview };
}

function parseOrThrow(input: ServiceInput): ParsedServiceInput {
  const parsed = serviceInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues: z.core.$ZodIssue[] = parsed.error.issues;
  throw new ValidationFailed(issues.map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`).slice(0, 5).join('; '));
}
