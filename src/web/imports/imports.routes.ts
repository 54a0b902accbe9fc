import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import type { Services } from '../../deps.ts';
import { DomainError, Forbidden } from '../../errors.ts';
import { maySeeSystem } from '../../access/scope.ts';
import { actorOf } from '../session.ts';
import { verifyCsrf } from '../csrf.ts';
import { parseMapping, type Mapping } from '../../sources/mapping.ts';
import { percentDone } from '../../sources/source.ts';

const uploadFields = z.object({
  system: z.string().trim().default(''),
  full: z.string().optional(),
});

// Imports from the browser: upload an extract, watch it run, download its rejects.
export async function registerImportRoutes(app: FastifyInstance, services: Services, config: Pick<Config, 'dataDir'>): Promise<void> {
  const uploads = path.join(config.dataDir, 'uploads');

  app.get('/imports', async (_request, reply) => listPage(reply, services, {}, {}));

  app.post('/imports', async (request, reply) => {
    fs.mkdirSync(uploads, { recursive: true });
    const fields: Record<string, string> = {};
    let filePath: string | undefined;
    let fileName = '';
    let mapping: Mapping | undefined;
    const errors: Record<string, string> = {};
    let checked = false;
    for await (const part of request.parts()) {
      // The form sends its CSRF token first, so it is checked before any file is read.
      if (!checked) {
        await verifyCsrf(app, request, reply, part.type === 'field' && part.fieldname === '_csrf' ? String(part.value) : undefined);
        checked = true;
        if (part.type === 'field') continue;
      }
      if (part.type === 'field') { fields[part.fieldname] = String(part.value); continue; }
      if (part.fieldname === 'mapping') {
        const text = (await part.toBuffer()).toString('utf8');
        if (text.trim() === '') continue;
        try { mapping = parseMapping(JSON.parse(text)); } catch (error) { errors.mapping = error instanceof SyntaxError ? 'The mapping file is not valid JSON' : (error as Error).message; }
        continue;
      }
      fileName = path.basename(part.filename || 'extract.csv');
      filePath = path.join(uploads, `${Date.now()}-${randomBytes(4).toString('hex')}-${fileName.replace(/[^\w.-]/g, '_')}`);
      await pipeline(part.file, fs.createWriteStream(filePath));
      if (part.file.truncated) errors.file = 'The file is too large';
    }
    if (!checked) await verifyCsrf(app, request, reply, undefined);
    const form = uploadFields.parse(fields);
    if (!filePath || fileName === '' || fs.statSync(filePath).size === 0) errors.file = errors.file ?? 'Select a CSV file to import';
    if (form.system === '') errors.system = 'Enter the source system the file comes from, like council_tax';
    if (Object.keys(errors).length === 0 && filePath) {
      try {
        const run = await services.imports.queueImport({ systemCode: form.system.toLowerCase(), filePath, fileName, full: form.full === 'yes', actor: request.actor ?? { kind: 'system', name: 'web', door: 'web' }, ...(mapping ? { mapping } : {}) });
        return reply.redirect(`/imports/${run.id}`, 303);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors[error.message.includes('source system') ? 'system' : 'file'] = error.message;
      }
    }
    if (filePath) fs.rmSync(filePath, { force: true });
    return listPage(reply, services, errors, form, 400);
  });

  app.get('/imports/:id', async (request, reply) => {
    const run = await services.imports.getRun(Number((request.params as { id: string }).id) || 0);
    return reply.page('imports/show.njk', { title: `Import ${run.id}`, run, percent: percentDone(run), live: run.status === 'queued' || run.status === 'running' });
  });

  app.get('/imports/:id/rejects', async (request, reply) => {
    const run = await services.imports.getRun(Number((request.params as { id: string }).id) || 0);
    // Rejected rows are the extract's own words, beyond row-level security: a restricted system's only for its team.
    const system = (await services.imports.listSystems()).find((candidate) => candidate.code === run.systemCode);
    if (!system || !maySeeSystem(actorOf(request), system)) throw new Forbidden(`Only ${system ? 'its team' : 'the council'} may see the rows this import rejected.`);
    if (!run.rejectsPath || run.counts.rejected === 0 || !fs.existsSync(run.rejectsPath)) return reply.page('errors/not-found.njk', {}, 404);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="import-${run.id}-rejects.csv"`).send(fs.createReadStream(run.rejectsPath));
  });
}

async function listPage(reply: FastifyReply, services: Services, errors: Record<string, string>, values: object, status = 200) {
  const [runs, systems] = await Promise.all([services.imports.listRuns(30), services.imports.listSystems()]);
  return reply.page('imports/list.njk', { title: 'Imports', runs: runs.map((run) => ({ ...run, percent: percentDone(run) })), systems, errors: Object.keys(errors).length ? errors : undefined, values }, status);
}
