import { authorize } from '../access/policy.ts';
import type { AnyActor } from '../access/staff.ts';
import type { Db } from '../db/connection.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import * as repository from './source.repository.ts';
import { systemCodeSchema, type SourceSystem } from './source.ts';

export type SystemService = ReturnType<typeof createSystemService>;

export type SystemSettings = { code: string; name?: string; trust?: number; restricted?: boolean; teamCode?: string | null };

// The council's source systems: their names, how far their records are trusted, and which are restricted to a team.
export function createSystemService({ db }: { db: Db }) {
  async function configure(actor: AnyActor, settings: SystemSettings): Promise<SourceSystem> {
    authorize(actor, 'system.manage');
    const code = systemCodeSchema.safeParse(settings.code);
    if (!code.success) throw new ValidationFailed(code.error.issues[0]?.message ?? 'That is not a source system code.');
    if (settings.trust !== undefined && (!Number.isInteger(settings.trust) || settings.trust < 0 || settings.trust > 100)) throw new ValidationFailed('Trust is a whole number from 0 to 100.');
    let teamId: number | null | undefined;
    if (settings.teamCode) {
      const team = await db.selectFrom('team').select('id').where('code', '=', settings.teamCode).executeTakeFirst();
      if (!team) throw new NotFound(`There is no team ${settings.teamCode}: add it first (onestop team add).`);
      teamId = team.id;
    } else if (settings.teamCode === null) teamId = null;
    const existing = await repository.findSystem(db, code.data);
    const restricted = settings.restricted ?? existing?.restricted ?? false;
    const finalTeam = teamId !== undefined ? teamId : (existing?.teamId ?? null);
    if (restricted && finalTeam === null) throw new ValidationFailed('A restricted system needs a team to see its records: give --team.');
    await db.insertInto('source_system')
      .values({ code: code.data, name: settings.name ?? existing?.name ?? titleOf(code.data), trust: settings.trust ?? existing?.trust ?? 50, restricted, team_id: finalTeam })
      .onConflict((oc) => oc.column('code').doUpdateSet({ name: settings.name ?? existing?.name ?? titleOf(code.data), trust: settings.trust ?? existing?.trust ?? 50, restricted, team_id: finalTeam }))
      .execute();
    const saved = await repository.findSystem(db, code.data);
    if (!saved) throw new NotFound(`The system ${code.data} was not saved.`);
    return saved;
  }

  return { configure, list: () => repository.listSystems(db) };
}

function titleOf(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
