import path from 'node:path';
import { authorize } from '../access/policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { actorLabel, type AnyActor } from '../access/staff.ts';
import type { Clock } from '../clock.ts';
import { z } from 'zod';
import type { Db, Queryable } from '../db/connection.ts';
import { enqueue } from '../jobs/job.repository.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import type { LinkingService } from '../people/linking.service.ts';
import type { PlaceService } from '../places/place.service.ts';
import { openExtract, looksLikeData, type OpenedExtract } from './extract-file.ts';
import { addCounts, prepareRows, readBatches } from './import-batch.ts';
import { createBatchWriter } from './import-write.ts';
import { compileMapping, parseMapping, type Mapping, type RowReader } from './mapping.ts';
import { createRejectsWriter, type Reject } from './rejects.ts';
import * as repository from './source.repository.ts';
import { systemCodeSchema, zeroCounts, type ImportCounts, type ImportRun, type SourceSystem } from './source.ts';

export type ImportService = ReturnType<typeof createImportService>;

export type ImportRequest = {
  systemCode?: string;
  filePath: string;
  /** The name to show for the file; defaults to its base name. */
  fileName?: string;
  mapping?: Mapping;
  full?: boolean;
  rejectsPath?: string;
  actor: AnyActor;
};

export type ImportProgress = { bytesRead: number; bytesTotal: number; counts: ImportCounts };

/** A running import sends a heartbeat with every batch; one silent this long has died. */
const staleAfterMs = 120_000;

export function createImportService({ db, linking, places, clock, audit, parallelBatches = 1 }: {
  db: Db; linking: LinkingService; places: PlaceService; clock: Clock; audit: AuditRecorder;
  /** Batches written at once: 2 on a server uses both its cores; PGlite is one connection, so 1. */
  parallelBatches?: number;
}) {
  const writer = createBatchWriter({ db, linking, places, clock });

  /** The system, read afresh (an administrator may have restricted it or changed its trust since the last import). */
  async function ensureSystem(code: string): Promise<SourceSystem> {
    const parsed = systemCodeSchema.safeParse(code);
    if (!parsed.success) throw new ValidationFailed(`"${code.trim().slice(0, 63)}" is not a source system code. ${parsed.error.issues[0]?.message ?? ''}`.trim());
    return (await repository.findSystem(db, parsed.data)) ?? (await repository.insertSystem(db, { code: parsed.data, name: titleOf(parsed.data), trust: 50 }));
  }

  /** Opens the file and checks all that can be checked before anything is written. */
  async function prepare(request: ImportRequest) {
    const mapping = request.mapping ?? parseMapping({});
    const systemCode = request.systemCode ?? mapping.constants.source_system;
    if (systemCode !== undefined && !systemCodeSchema.safeParse(systemCode).success) {
      throw new ValidationFailed(`"${systemCode}" is not a source system code: use lower-case letters, digits and underscores, like council_tax.`);
    }
    const extract = await openExtract(request.filePath, { delimiter: mapping.delimiter });
    try {
      const { read, missing } = compileMapping(mapping, extract.headers);
      if (missing.length > 0) throw new ValidationFailed(`The file has no column named ${missing.map((name) => `"${name}"`).join(', ')}, which the mapping reads.`);
      const mapsSourceId = read(Object.fromEntries(extract.headers.map((header) => [header, 'x']))).source_id !== undefined;
      if (!mapsSourceId) {
        if (looksLikeData(extract.headers)) throw new ValidationFailed('The first line of the file looks like data, not column names: the file needs a header row.');
        throw new ValidationFailed(`The file has no source_id column (its columns are ${extract.headers.slice(0, 12).join(', ')}): name one source_id, or give a mapping file that says which column holds it.`);
      }
      const hasSystemColumn = read(Object.fromEntries(extract.headers.map((header) => [header, 'x']))).source_system !== undefined;
      if (!systemCode && !hasSystemColumn) throw new ValidationFailed('Say which source system the file comes from (--system), or include a source_system column.');
      return { extract, read, mapping, systemCode };
    } catch (error) {
      extract.close();
      throw error;
    }
  }

  async function startRun(db: Queryable, request: ImportRequest, system: SourceSystem, totalBytes: number, status: 'queued' | 'running'): Promise<number> {
    const now = clock.now();
    await repository.interruptStaleRuns(db, system.id, new Date(now.getTime() - staleAfterMs));
    const live = await repository.findLiveRun(db, system.id);
    if (live) throw new Conflict(`An import for ${system.code} is already running (import ${live.id}, started by ${live.startedBy}); wait for it to finish.`);
    return withTransaction(db, async (tx) => {
      const runId = await repository.insertRun(tx, {
        systemId: system.id, fileName: request.fileName ?? path.basename(request.filePath), isFull: request.full ?? false, status,
        startedBy: actorLabel(request.actor), bytesTotal: totalBytes, rejectsPath: rejectsPathOf(request),
        mapping: request.mapping ?? null, now,
      });
      await audit.record(tx, { ...auditActorOf(request.actor), action: 'import.run', subject: `import:${runId}`, details: { runId, system: system.code, full: request.full ?? false, bytes: totalBytes } });
      return runId;
    });
  }

  async function importFile(request: ImportRequest, onProgress?: (progress: ImportProgress) => void): Promise<ImportRun> {
    authorize(request.actor, 'import.run');
    const prepared = await prepare(request);
    let runId: number;
    try {
      const system = await ensureSystem(prepared.systemCode ?? 'mixed');
      runId = await startRun(db, request, system, prepared.extract.totalBytes, 'running');
    } catch (error) {
      prepared.extract.close();
      throw error;
    }
    return execute(runId, request, prepared, onProgress);
  }

  /** Checks the file now and records a queued run with the job that will do the work, in one transaction. */
  async function queueImport(request: ImportRequest): Promise<ImportRun> {
    authorize(request.actor, 'import.run');
    const prepared = await prepare(request);
    prepared.extract.close();
    const system = await ensureSystem(prepared.systemCode ?? 'mixed');
    const runId = await withTransaction(db, async (tx) => {
      const id = await startRun(tx, request, system, prepared.extract.totalBytes, 'queued');
      await enqueue(tx, importJobKind, { runId: id, filePath: request.filePath, systemCode: request.systemCode ?? null, full: request.full ?? false, rejectsPath: rejectsPathOf(request), startedBy: actorLabel(request.actor) }, clock.now());
      return id;
    });
    return getRun(runId);
  }

  /** The job's half of queueImport. */
  async function runQueued(payload: Record<string, unknown>, onProgress?: (progress: ImportProgress) => void): Promise<ImportRun> {
    const job = importJobPayload.parse(payload);
    const run = await getRun(job.runId);
    if (run.status === 'completed') return run;
    const mapping = await repository.findRunMapping(db, job.runId);
    const request: ImportRequest = {
      filePath: job.filePath, fileName: run.fileName, full: job.full, rejectsPath: job.rejectsPath,
      actor: { kind: 'system', name: job.startedBy, door: 'job' }, ...(job.systemCode ? { systemCode: job.systemCode } : {}),
      ...(mapping ? { mapping: parseMapping(mapping) } : {}),
    };
    const prepared = await prepare(request);
    await repository.markRunStarted(db, job.runId, clock.now());
    return execute(job.runId, request, prepared, onProgress);
  }

  async function execute(
    runId: number,
    request: ImportRequest,
    prepared: { extract: OpenedExtract; read: RowReader; mapping: Mapping; systemCode: string | undefined },
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportRun> {
    const { extract } = prepared;
    const rejects = createRejectsWriter(rejectsPathOf(request));
    const totals: ImportCounts = { ...zeroCounts };
    const touchedSystems = new Set<number>();
    const resolved = new Map<string, SourceSystem | { error: string }>();
    const batches = readBatches(extract, prepared.read, prepared.mapping.trim);
    // Up to `parallelBatches` batches are written at once, each in its own transaction: one inserts its records
    // while the one before it links. Results are taken in file order.
    const inFlight: Array<Promise<{ counts: ImportCounts; rejects: Reject[]; systems: number[] }>> = [];
    const settle = async () => {
      const done = await inFlight.shift();
      if (!done) return;
      await rejects.write(done.rejects);
      for (const system of done.systems) touchedSystems.add(system);
      addCounts(totals, done.counts);
      onProgress?.({ bytesRead: extract.bytesRead(), bytesTotal: extract.totalBytes, counts: { ...totals } });
    };
    try {
      let next = batches.next();
      let previousBatch = new Map<string, number>();
      for (let batch = await next; !batch.done; batch = await next) {
        next = batches.next(); // read and parse the next batch while this one is written
        for (const code of new Set(batch.value.rows.map((row) => row.canonical.source_system?.trim().toLowerCase() || prepared.systemCode || ''))) {
          if (code && !resolved.has(code)) resolved.set(code, systemCodeSchema.safeParse(code).success ? await ensureSystem(code) : { error: `"${code}" is not a source system code` });
        }
        const { prepared: rows, rejects: bad, firstLine } = prepareRows(batch.value.rows, {
          dateFormat: prepared.mapping.dateFormat, nameFormat: prepared.mapping.nameFormat, earliestYear: prepared.mapping.earliestYear, defaultSystem: prepared.systemCode, today: clock.now(),
        }, (code) => resolved.get(code) ?? { error: `"${code}" is not a source system code` }, previousBatch);
        previousBatch = firstLine;
        const structural = batch.value.rejects;
        const bytesRead = extract.bytesRead();
        await places.registerProperties(db, rows.map((row) => row.write.fields));
        const written = withTransaction(db, (tx) => writer.writeBatch(tx, systemsOf(resolved), runId, rows, structural.length + bad.length, bytesRead)).then((delta) => ({
          counts: delta.counts,
          rejects: [...structural, ...bad, ...delta.duplicates].sort((a, b) => a.line - b.line),
          systems: [...new Set(rows.map((row) => row.write.sourceSystemId))],
        }));
        written.catch(() => undefined); // awaited in turn below; this stops an early failure being reported as unhandled
        inFlight.push(written);
        if (inFlight.length >= parallelBatches) await settle();
      }
      while (inFlight.length > 0) await settle();
      if (request.full) {
        const ended = await writer.endMissingRecords(runId, prepared.systemCode ? [(await ensureSystem(prepared.systemCode)).id] : [...touchedSystems]);
        totals.ended = ended;
      }
      await rejects.close();
      await repository.finishRun(db, runId, 'completed', clock.now());
    } catch (error) {
      extract.close();
      await Promise.allSettled(inFlight);
      await rejects.close().catch(() => undefined);
      await repository.finishRun(db, runId, 'failed', clock.now(), error instanceof Error ? error.message : String(error));
      throw error;
    }
    onProgress?.({ bytesRead: extract.totalBytes, bytesTotal: extract.totalBytes, counts: { ...totals } });
    return getRun(runId);
  }

  async function getRun(runId: number): Promise<ImportRun> {
    const run = await repository.findRun(db, runId);
    if (!run) throw new NotFound(`There is no import ${runId}.`);
    return run;
  }

  async function registerSystem(input: { code: string; name: string; trust: number }): Promise<SourceSystem> {
    const code = systemCodeSchema.safeParse(input.code);
    if (!code.success) throw new ValidationFailed(code.error.issues[0]?.message ?? 'That is not a source system code.');
    if (!Number.isInteger(input.trust) || input.trust < 0 || input.trust > 100) throw new ValidationFailed('Trust is a whole number from 0 to 100.');
    return repository.upsertSystem(db, { code: code.data, name: input.name, trust: input.trust });
  }

  return {
    registerSystem,
    importFile,
    queueImport,
    runQueued,
    getRun,
    ensureSystem,
    listRuns: (limit = 50) => repository.listRuns(db, limit),
    listSystems: () => repository.listSystems(db),
    findRunMapping: (runId: number) => repository.findRunMapping(db, runId),
  };
}

export const importJobKind = 'import.run';

const importJobPayload = z.object({
  runId: z.number().int(), filePath: z.string(), systemCode: z.string().nullable(), full: z.boolean(), rejectsPath: z.string(), startedBy: z.string(),
});

function rejectsPathOf(request: ImportRequest): string {
  return request.rejectsPath ?? `${request.filePath}.rejects.csv`;
}

/** This run's systems by id, as the batch writer needs them. */
function systemsOf(resolved: ReadonlyMap<string, SourceSystem | { error: string }>): Map<number, SourceSystem> {
  return new Map([...resolved.values()].flatMap((system) => ('error' in system ? [] : [[system.id, system] as [number, SourceSystem]])));
}

function titleOf(code: string): string {
  const words = code.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
