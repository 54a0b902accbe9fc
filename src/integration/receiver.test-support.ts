import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryPolicy } from './webhook.ts';

// A real back office for tests: an HTTP server on 127.0.0.1 that records what it is sent and answers as told.

export type Received = { headers: http.IncomingHttpHeaders; body: string; at: number };

export async function startReceiver(options: { port?: number; status?: number } = {}) {
  const received: Received[] = [];
  let status = options.status ?? 204;
  const server = http.createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body, at: performance.now() });
      response.writeHead(status).end(status >= 400 ? 'the back office is unwell' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port, received, url: `http://127.0.0.1:${port}/hooks`,
    answerWith(next: number) { status = next; },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/**
 * Runs a dispatcher through every attempt a delivery gets, moving the clock each time past the longest wait the
 * retry policy can give (its longest wait stretched by the jitter), so the last attempt is always due and a failing
 * delivery ends dead whatever the random draws were.
 */
export async function attemptEveryRetry(dispatcher: { runUntilIdle(): Promise<number> }, clock: { advance(ms: number): void }): Promise<void> {
  const longestWaitMs = retryPolicy.longestWaitMs * (1 + retryPolicy.jitter);
  for (let attempt = 0; attempt < retryPolicy.maxAttempts; attempt++) {
    await dispatcher.runUntilIdle();
    clock.advance(longestWaitMs);
  }
}
