import { z } from 'zod';
import type { StandardFields } from './source-record.ts';

// Source systems and the import runs that bring their extracts in.

export type SourceSystem = {
  id: number;
  code: string;
  name: string;
  trust: number;
  /** Its records are seen only by its team (adult social care, say); everyone else learns only that it knows someone. */
  restricted: boolean;
  teamId: number | null;
};

export const systemCodeSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9_]{1,62}$/, 'A source system code is 2 to 63 lower-case letters, digits or underscores, starting with a letter, like council_tax');

export type ImportStatus = 'queued' | 'running' | 'completed' | 'failed' | 'interrupted';

export type ImportCounts = {
  read: number;
  new: number;
  changed: number;
  unchanged: number;
  rejected: number;
  ended: number;
  personsCreated: number;
};

export const zeroCounts: ImportCounts = { read: 0, new: 0, changed: 0, unchanged: 0, rejected: 0, ended: 0, personsCreated: 0 };

export type ImportRun = {
  id: number;
  systemCode: string;
  systemName: string;
  fileName: string;
  isFull: boolean;
  status: ImportStatus;
  startedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  bytesTotal: number | null;
  bytesRead: number;
  counts: ImportCounts;
  rejectsPath: string | null;
  error: string | null;
};

/** One row ready to store: what the system sent, and what OneStop made of it. */
export type RecordWrite = {
  sourceSystemId: number;
  sourceId: string;
  raw: Record<string, string>;
  rowHash: string;
  fields: StandardFields;
  uprnSource: 'source' | 'address' | null;
  nameKey: string | null;
};

export function percentDone(run: Pick<ImportRun, 'bytesRead' | 'bytesTotal' | 'status'>): number {
  if (run.status === 'completed') return 100;
  if (!run.bytesTotal) return 0;
  return Math.min(99, Math.floor((run.bytesRead / run.bytesTotal) * 100));
}
