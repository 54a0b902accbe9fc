import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../deps.ts';
import { parseMapping } from '../sources/mapping.ts';
import type { ImportRun } from '../sources/source.ts';
import { readSetting, writeSetting } from '../settings/setting.repository.ts';
import { writeDemoExtracts } from './extracts.ts';

// Loading the demonstration council: made-up extracts from eight systems, imported through the real pipeline.

export type DemoAccount = { email: string; password: string; role: 'agent' | 'admin'; name: string };

// Published on the sign-in page of a demo, so they are no secret; a demo is never run on real data.
export const demoAccounts: DemoAccount[] = [
  { email: 'agent@demo.onestop.example', password: 'demo-agent-password', role: 'agent', name: 'Alex Agent (demo)' },
  { email: 'admin@demo.onestop.example', password: 'demo-admin-password', role: 'admin', name: 'Sam Admin (demo)' },
];

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
  for (const extract of extracts) {
    await services.imports.registerSystem(extract.system);
    const mapping = parseMapping(JSON.parse(fs.readFileSync(extract.mappingFile, 'utf8')));
    const run = await services.imports.importFile({
      systemCode: extract.system.code,
      filePath: extract.file,
      mapping,
      actor: { kind: 'system', name: 'demo', door: 'cli' },
    });
    onStep(`Imported ${extract.system.name}: ${run.counts.new} records, ${run.counts.rejected} rejected (see ${path.basename(run.rejectsPath ?? '')})`);
    runs.push(run);
  }
  for (const account of demoAccounts) {
    if (!(await services.staff.findUserByEmail(account.email))) {
      await services.staff.addUser({ email: account.email, displayName: account.name, password: account.password, role: account.role }, { isDemo: true });
    }
  }
  await writeSetting(services.db, 'demo', {
    residents: options.residents, seed: options.seed, loadedAt: new Date().toISOString(),
    accounts: demoAccounts.map(({ email, password, role }) => ({ email, password, role })),
  } satisfies DemoSetting);
  return runs;
}
