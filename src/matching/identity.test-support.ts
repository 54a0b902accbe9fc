import fs from 'node:fs';
import path from 'node:path';
import type { Services } from '../deps.ts';
import { writeDemoExtracts } from '../demo/extracts.ts';
import { parseMapping } from '../sources/mapping.ts';
import { tempDir, testActor } from '../test-support.ts';

/** Imports a small demo council through the real pipeline: eight systems, their errors and hard cases. */
export async function importDemoCouncil(services: Services, residents: number, seed = 11): Promise<string> {
  const dir = tempDir('onestop-identity-');
  for (const extract of await writeDemoExtracts(dir, { residents, seed })) {
    await services.imports.registerSystem(extract.system);
    await services.imports.importFile({
      systemCode: extract.system.code, filePath: extract.file, actor: testActor,
      mapping: parseMapping(JSON.parse(fs.readFileSync(extract.mappingFile, 'utf8'))),
    });
  }
  return path.join(dir, 'truth.csv');
}

/** source_record id to the resident the generator meant, from its truth file. */
export async function truthByRecord(services: Services, truthFile: string): Promise<Map<number, string>> {
  const truth = new Map<string, string>();
  for (const line of fs.readFileSync(truthFile, 'utf8').trim().split('\n').slice(1)) {
    const [system, sourceId, resident] = line.split(',');
    if (system && sourceId && resident) truth.set(`${system}:${sourceId}`, resident);
  }
  const rows = await services.db.selectFrom('source_record').innerJoin('source_system', 'source_system.id', 'source_record.source_system_id')
    .select(['source_record.id', 'source_system.code', 'source_record.source_id']).execute();
  return new Map(rows.flatMap((row) => { const resident = truth.get(`${row.code}:${row.source_id}`); return resident ? [[row.id, resident] as [number, string]] : []; }));
}

export async function personOfRecords(services: Services): Promise<Map<number, number>> {
  const rows = await services.db.selectFrom('person_link').select(['source_record_id', 'person_id']).where('unlinked_at', 'is', null).execute();
  return new Map(rows.map((row) => [row.source_record_id, row.person_id]));
}
