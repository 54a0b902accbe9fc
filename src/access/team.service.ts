import type { Db } from '../db/connection.ts';
import { NotFound, ValidationFailed } from '../errors.ts';
import { authorize } from './policy.ts';
import type { AnyActor } from './staff.ts';
import * as repository from './team.repository.ts';
import * as staff from './staff.repository.ts';

export type TeamService = ReturnType<typeof createTeamService>;

// Teams: who works with which restricted service, and how other staff reach them.
export function createTeamService({ db }: { db: Db }) {
  async function saveTeam(actor: AnyActor, input: { code: string; name: string; contact: string }): Promise<repository.Team> {
    authorize(actor, 'user.manage');
    const code = input.code.trim().toLowerCase();
    if (!/^[a-z][a-z0-9_]{1,62}$/.test(code)) throw new ValidationFailed('A team code is 2 to 63 lower-case letters, digits or underscores, starting with a letter, like adult_social_care.');
    if (input.name.trim() === '') throw new ValidationFailed('Give the team a name.');
    return repository.upsertTeam(db, { code, name: input.name.trim(), contact: input.contact.trim() });
  }

  async function join(actor: AnyActor, email: string, teamCode: string, member = true): Promise<void> {
    authorize(actor, 'user.manage');
    const [user, team] = await Promise.all([staff.findUserByEmail(db, email), repository.findTeam(db, teamCode)]);
    if (!user) throw new NotFound(`There is no staff account for ${email}.`);
    if (!team) throw new NotFound(`There is no team ${teamCode}.`);
    if (member) await repository.addMember(db, user.id, team.id);
    else await repository.removeMember(db, user.id, team.id);
  }

  return { saveTeam, join, list: () => repository.listTeams(db), find: (code: string) => repository.findTeam(db, code) };
}
