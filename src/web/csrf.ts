import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

// CSRF tokens: every form carries one in the _csrf field; scripts may send it in a header. Never in a URL, where
// it would end up in browser history and logs.
export function csrfTokenOf(request: FastifyRequest): string | undefined {
  const body = request.body as { _csrf?: unknown } | undefined;
  const token = body?._csrf ?? request.headers['x-csrf-token'] ?? request.headers['csrf-token'];
  return typeof token === 'string' && token !== '' ? token : undefined;
}

/**
 * Checks the token of a form whose body the route reads itself. A multipart upload is streamed, so its form sends
 * the token as its first field and the route checks it before reading any file.
 */
export function verifyCsrf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string | undefined): Promise<void> {
  (request as { body: unknown }).body = { _csrf: token };
  return new Promise((resolve, reject) => {
    app.csrfProtection.call(app, request, reply, (error?: Error) => (error ? reject(error) : resolve()));
  });
}
