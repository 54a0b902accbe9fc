import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Services } from '../../deps.ts';
import { can } from '../../access/policy.ts';
import { contentDisposition, maxAttachmentBytes } from '../../cases/attachment.ts';
import { DomainError, httpStatusOf, ValidationFailed } from '../../errors.ts';
import { verifyCsrf } from '../csrf.ts';
import { actorOf } from '../session.ts';
import { caseView } from './cases.view.ts';
import { registerQueueRoutes } from './queues.routes.ts';
import { registerRaiseRoutes } from './raise.routes.ts';

// A case's page: what was asked, where it is, its history; and the forms that work it (status, notes, assignment,
// files). Each form posts to its own address and comes back to the page; a form with a problem is shown again with
// what was typed and the error beside it.

const referenceParams = z.object({ reference: z.string().max(40) });
const attachmentParams = referenceParams.extend({ id: z.coerce.number().int().positive().max(2 ** 31) });
const statusBody = z.object({ status: z.string().max(40).default(''), reason: z.string().max(20_000).default(''), updatedAt: z.string().max(40).optional() });
const noteBody = z.object({ text: z.string().max(20_000).default('') });
const assignBody = z.object({ team: z.string().max(63).default(''), assignee: z.string().max(20).default(''), updatedAt: z.string().max(40).optional() });

type Form = Record<string, string>;
type Problem = { errors: Record<string, string>; summary: string; values: Form; status: number };

export async function registerCaseRoutes(app: FastifyInstance, services: Services): Promise<void> {
  app.get('/cases/:reference', async (request, reply) => showCase(request, reply, referenceParams.parse(request.params).reference));

  app.post('/cases/:reference/status', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { reference } = referenceParams.parse(request.params);
    const body = statusBody.parse(request.body ?? {});
    return attempt(request, reply, reference, body, 'status', () => services.cases.changeStatus(actorOf(request), reference, {
      status: (body.status === '' ? undefined : body.status) as never, reason: body.reason, ...(body.updatedAt ? { expectedUpdatedAt: body.updatedAt } : {}),
    }), 'status-changed');
  });

  app.post('/cases/:reference/notes', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { reference } = referenceParams.parse(request.params);
    const body = noteBody.parse(request.body ?? {});
    return attempt(request, reply, reference, body, 'text', () => services.cases.addNote(actorOf(request), reference, body), 'note-added');
  });

  app.post('/cases/:reference/assign', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { reference } = referenceParams.parse(request.params);
    const body = assignBody.parse(request.body ?? {});
    const assigneeId = body.assignee === '' ? null : Number(body.assignee);
    if (assigneeId !== null && !Number.isInteger(assigneeId)) return showCase(request, reply, reference, { errors: { assignee: 'Choose a member of staff from the list' }, summary: '', values: body, status: 400 });
    return attempt(request, reply, reference, body, 'assignee', () => services.cases.assign(actorOf(request), reference, {
      team: body.team === '' ? null : body.team, assigneeId, ...(body.updatedAt ? { expectedUpdatedAt: body.updatedAt } : {}),
    }), 'assigned');
  });

  app.post('/cases/:reference/take', { preHandler: app.csrfProtection }, async (request, reply) => {
    const { reference } = referenceParams.parse(request.params);
    const actor = actorOf(request);
    return attempt(request, reply, reference, {}, 'take', () => services.cases.assign(actor, reference, { assigneeId: actor.userId }), 'taken');
  });

  app.post('/cases/:reference/attachments', async (request, reply) => {
    const { reference } = referenceParams.parse(request.params);
    let checked = false;
    let file: { fileName: string; content: Buffer } | undefined;
    let tooBig = false;
    for await (const part of request.parts({ limits: { fileSize: maxAttachmentBytes, files: 1 } })) {
      // The token comes first in the form, so it is checked before any file is read.
      if (!checked) {
        await verifyCsrf(app, request, reply, part.type === 'field' && part.fieldname === '_csrf' ? String(part.value) : undefined);
        checked = true;
        if (part.type === 'field') continue;
      }
      if (part.type !== 'file') continue;
      const content = await part.toBuffer().catch((error: unknown) => {
        if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return undefined;
        throw error;
      });
      if (!content) tooBig = true;
      else if (part.filename) file = { fileName: part.filename, content };
    }
    if (!checked) await verifyCsrf(app, request, reply, undefined);
    const problem = tooBig ? 'The selected file must be smaller than 10MB' : !file || file.content.length === 0 ? 'Select a file to attach' : undefined;
    if (problem || !file) return showCase(request, reply, reference, { errors: { file: problem ?? 'Select a file to attach' }, summary: '', values: {}, status: tooBig ? 413 : 400 });
    const chosen = file;
    return attempt(request, reply, reference, {}, 'file', () => services.cases.addAttachment(actorOf(request), reference, chosen), 'attached');
  });

  app.get('/cases/:reference/attachments/:id', async (request, reply) => {
    const { reference, id } = attachmentParams.parse(request.params);
    const found = await services.cases.getAttachment(actorOf(request), reference, id);
    // Always a download, never shown in the page's origin: a file is what it was sniffed as, and no more.
    return reply.header('content-type', found.mediaType).header('content-disposition', contentDisposition(found.fileName))
      .header('x-content-type-options', 'nosniff').header('cache-control', 'no-store').header('content-security-policy', "default-src 'none'; sandbox")
      .send(found.content);
  });

  /** Runs a change; on a problem the user can fix, shows the page again with it. */
  async function attempt(request: FastifyRequest, reply: FastifyReply, reference: string, values: Form, field: string, work: () => Promise<unknown>, done: string) {
    try {
      await work();
    } catch (error) {
      if (!(error instanceof DomainError) || (error.code !== 'validation' && error.code !== 'conflict')) throw error;
      const fieldErrors = error instanceof ValidationFailed && Object.keys(error.fieldErrors).length > 0 ? error.fieldErrors : { [field]: error.message };
      return showCase(request, reply, reference, { errors: fieldErrors, summary: error.message, values, status: httpStatusOf(error) });
    }
    return reply.redirect(`/cases/${encodeURIComponent(reference)}?done=${done}#main-content`, 303);
  }

  async function showCase(request: FastifyRequest, reply: FastifyReply, reference: string, problem?: Problem) {
    const actor = actorOf(request);
    const found = await services.cases.get(actor, reference);
    const view = caseView(actor, found, services.clock.now());
    const [teams, assignees] = view.canAssign ? [await services.cases.teams(), await services.cases.assignees(actor)] : [[], []];
    const errorList = problem ? Object.entries(problem.errors).map(([name, text]) => ({ text, href: `#${name}` })) : undefined;
    const done = (request.query as { done?: unknown }).done;
    return reply.page('cases/show.njk', {
      title: `${found.reference}: ${found.service.name}`, ...view, statusItems: view.nextStatuses.map((option) => ({ ...option, checked: problem?.values.status === option.value })), found, errors: errorList, fieldErrors: problem?.errors ?? {}, values: problem?.values ?? {},
      done: typeof done === 'string' ? done : undefined, teams, assignees, canOversee: can(actor, 'case.oversee'),
    }, problem?.status ?? 200);
  }

  await registerQueueRoutes(app, services);
  await registerRaiseRoutes(app, services);
}
