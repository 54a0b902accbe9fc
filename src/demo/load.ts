import fs from 'node:fs';
import path from 'node:path';
import type { Role } from '../access/staff.ts';
import type { Services } from '../deps.ts';
import { parseMapping } from '../sources/mapping.ts';
import type { ImportRun } from '../sources/source.ts';
import { readSetting, writeSetting } from '../settings/setting.repository.ts';
import { writeDemoExtracts } from './extracts.ts';
import { loadDemoCases } from '../cases/demo-cases.ts';

// Loading the demonstration council: made-up extracts from eight systems, imported through the real pipeline.

export type DemoAccount = { email: string; password: string; role: Role; name: string; team?: string };

// Published on the sign-in page of a demo, so they are no secret; a demo is never run on real data.
export const demoAccounts: DemoAccount[] = [
  { email: 'agent@demo.onestop.example', password: 'demo-agent-password', role: 'agent', name: 'Alex Agent (demo)' },
  { email: 'admin@demo.onestop.example', password: 'demo-admin-password', role: 'admin', name: 'Sam Admin (demo)' },
  { email: 'adviser@demo.onestop.example', password: 'demo-adviser-password', role: 'adviser', name: 'Ash Adviser (demo)' },
  { email: 'carer@demo.onestop.example', password: 'demo-carer-password', role: 'service_team', name: 'Casey Carer (demo, Adult Social Care)', team: 'adult_social_care' },
  { email: 'leader@demo.onestop.example', password: 'demo-leader-password', role: 'team_leader', name: 'Lee Leader (demo)' },
  { email: 'dpo@demo.onestop.example', password: 'demo-dpo-password', role: 'dpo', name: 'Dana Protection (demo)' },
  { email: 'streets@demo.onestop.example', password: 'demo-streets-password', role: 'service_team', name: 'Sky Streets (demo, Street scene)', team: 'street_scene' },
];

/** Adult social care is a restricted service in the demo, as it would be in a council: only its team sees it. */
const restrictedTeam = { code: 'adult_social_care', name: 'Adult Social Care', contact: 'Adult Social Care duty team, 0151 496 0000 (made up)' };

export type DemoSetting = { residents: number; seed: number; loadedAt: string; accounts: Array<Omit<DemoAccount, 'name'>> };

export async function readDemoSetting(services: Services): Promise<DemoSetting | undefined> {
  return readSetting<DemoSetting>(services.db, 'demo');
}

export async function loadDemoCouncil(
  services: Services,
  options: { dir: string; residents: number; seed: number },
  onStep: (message: string) => void = () => undefined,
): Promise<ImportRun[]> {
  fs.mkdirSync(options.dir, { recursive: true });
  onStep(`Writing extracts for ${options.residents.toLocaleString('en-GB')} made-up residents to ${options.dir}`);
  const extracts = await writeDemoExtracts(options.dir, { residents: options.residents, seed: options.seed });
  const runs: ImportRun[] = [];
  const demoActor = { kind: 'system', name: 'demo', door: 'cli' } as const;
  await services.teams.saveTeam(demoActor, restrictedTeam);
  for (const extract of extracts) {
    await services.imports.registerSystem(extract.system);
    if (extract.system.code === restrictedTeam.code) {
      await services.systems.configure(demoActor, { code: extract.system.code, name: extract.system.name, restricted: true, teamCode: restrictedTeam.code });
    }
    const mapping = parseMapping(JSON.parse(fs.readFileSync(extract.mappingFile, 'utf8')));
    const run = await services.imports.importFile({
      systemCode: extract.system.code,
      filePath: extract.file,
      mapping,
      actor: demoActor,
    });
    onStep(`Imported ${extract.system.name}: ${run.counts.new} records, ${run.counts.rejected} rejected (see ${path.basename(run.rejectsPath ?? '')})`);
    runs.push(run);
  }
  // Imports link with the deterministic rules until a model has been learnt; relinking learns one from the demo's
  // own records, as a council would after its first loads, and queues the unsure pairs for review.
  onStep('Relinking everyone with a model learnt from these records');
  const relinked = await services.relink.relink(demoActor);
  onStep(`Relinked: ${relinked.records} records are ${relinked.clusters} residents; ${relinked.reviewsQueued} possible matches wait for review`);
  // The starter catalogue's teams first: a demo account works in one of them (street scene).
  await services.catalogue.loadStarter(demoActor);
  for (const account of demoAccounts) {
    if (!(await services.staff.findUserByEmail(account.email))) {
      await services.staff.addUser({ email: account.email, displayName: account.name, password: account.password, role: account.role }, { isDemo: true });
      if (account.team) await services.teams.join(demoActor, account.email, account.team);
    }
  }
  const cases = await loadDemoCases(services, { seed: options.seed });
  onStep(`Raised ${cases} cases for demo residents, some of them past their due date`);
  await writeSetting(services.db, 'demo', {
    residents: options.residents, seed: options.seed, loadedAt: new Date().toISOString(),
    accounts: demoAccounts.map(({ email, password, role }) => ({ email, password, role })),
  } satisfies DemoSetting);
  return runs;
}
