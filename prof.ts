import fs from 'node:fs';
import { openBenchDatabase } from './bench/bench-support.ts';
import { createServices } from './src/deps.ts';
import { parseMapping } from './src/sources/mapping.ts';
const database = await openBenchDatabase('onestop_prof', { fresh: true });
const services = createServices(database, { sessionHours: 8 });
const dir = '/tmp/onestop-bench-20000-2002';
const extracts = JSON.parse(fs.readFileSync(dir + '/extracts.json', 'utf8'));
for (const e of extracts.slice(0, Number(process.env.N ?? 3))) {
  await services.imports.registerSystem(e.system);
  const t = performance.now();
  const run = await services.imports.importFile({ systemCode: e.system.code, filePath: e.file, mapping: parseMapping(JSON.parse(fs.readFileSync(e.mappingFile, 'utf8'))), rejectsPath: '/tmp/r.csv', actor: { kind: 'system', name: 'p', door: 'cli' } });
  console.log(e.system.code, run.counts.read, Math.round(performance.now() - t), 'ms');
}
await database.close();
