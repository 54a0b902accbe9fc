import type { Queryable } from '../db/connection.ts';
import { formDefinitionSchema } from './form-definition.ts';
import { routingRulesSchema } from './routing.ts';
import type { ParsedServiceInput, Service } from './service.ts';

// SQL for the service catalogue.

function query(db: Queryable) {
  return db.selectFrom('service').leftJoin('team', 'team.id', 'service.team_id').select([
    'service.id', 'service.code', 'service.lgsl', 'service.name', 'team.code as team_code', 'team.name as team_name', 'service.sla_amount', 'service.sla_unit',
    'service.guidance', 'service.form', 'service.routing', 'service.is_active', 'service.updated_at', 'service.updated_by',
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof query>['executeTakeFirstOrThrow']>>;

function serviceOf(row: Row): Service {
  return {
    id: row.id, code: row.code, lgsl: row.lgsl, name: row.name, teamCode: row.team_code, teamName: row.team_name,
    sla: { amount: row.sla_amount, unit: row.sla_unit }, guidance: row.guidance,
    // Written only after the same schemas checked them; parsed again so a hand edit in SQL cannot reach a page unchecked.
    form: formDefinitionSchema.parse(row.form), routing: routingRulesSchema.parse(row.routing),
    isActive: row.is_active, updatedAt: row.updated_at, updatedBy: row.updated_by,
  };
}

export async function listServices(db: Queryable, options: { activeOnly?: boolean } = {}): Promise<Service[]> {
  let select = query(db).orderBy('service.name');
  if (options.activeOnly) select = select.where('service.is_active', '=', true);
  return (await select.execute()).map(serviceOf);
}

export async function findService(db: Queryable, key: { code: string } | { lgsl: number }): Promise<Service | undefined> {
  const row = await ('code' in key ? query(db).where('service.code', '=', key.code) : query(db).where('service.lgsl', '=', key.lgsl)).executeTakeFirst();
  return row ? serviceOf(row) : undefined;
}

export async function countServices(db: Queryable): Promise<number> {
  const row = await db.selectFrom('service').select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function codesTaken(db: Queryable, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db.selectFrom('service').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((row) => row.code));
}

/** Inserts or replaces a service by its code; `onlyNew` leaves an existing one as it is. Returns whether it wrote. */
export async function saveService(db: Queryable, input: ParsedServiceInput, teamId: number | null, by: string, at: Date, onlyNew = false): Promise<boolean> {
  const values = {
    code: input.code, lgsl: input.lgsl, name: input.name, team_id: teamId, sla_amount: input.sla.amount, sla_unit: input.sla.unit,
    guidance: input.guidance, form: JSON.stringify(input.form), routing: JSON.stringify(input.routing), is_active: input.active, updated_at: at, updated_by: by,
  };
  const { code: _code, ...changes } = values;
  const result = await db.insertInto('service').values(values)
    .onConflict((oc) => (onlyNew ? oc.column('code').doNothing() : oc.column('code').doUpdateSet(changes)))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function lgslHolder(db: Queryable, lgsl: number): Promise<string | undefined> {
  return (await db.selectFrom('service').select('code').where('lgsl', '=', lgsl).executeTakeFirst())?.code;
}
