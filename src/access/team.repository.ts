import type { Queryable } from '../db/connection.ts';

// SQL for teams and who belongs to them.

export type Team = { id: number; code: string; name: string; contact: string };

export async function upsertTeam(db: Queryable, team: Omit<Team, 'id'>): Promise<Team> {
  return db.insertInto('team').values(team)
    .onConflict((oc) => oc.column('code').doUpdateSet({ name: team.name, contact: team.contact }))
    .returning(['id', 'code', 'name', 'contact']).executeTakeFirstOrThrow();
}

export async function findTeam(db: Queryable, code: string): Promise<Team | undefined> {
  return db.selectFrom('team').select(['id', 'code', 'name', 'contact']).where('code', '=', code).executeTakeFirst();
}

export async function listTeams(db: Queryable): Promise<Array<Team & { members: number }>> {
  const rows = await db.selectFrom('team').leftJoin('staff_team', 'staff_team.team_id', 'team.id')
    .select(['team.id', 'team.code', 'team.name', 'team.contact', (eb) => eb.fn.count<number>('staff_team.staff_user_id').as('members')])
    .groupBy('team.id').orderBy('team.name').execute();
  return rows.map((row) => ({ ...row, members: Number(row.members) }));
}

export async function addMember(db: Queryable, staffUserId: number, teamId: number): Promise<void> {
  await db.insertInto('staff_team').values({ staff_user_id: staffUserId, team_id: teamId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeMember(db: Queryable, staffUserId: number, teamId: number): Promise<void> {
  await db.deleteFrom('staff_team').where('staff_user_id', '=', staffUserId).where('team_id', '=', teamId).execute();
}
