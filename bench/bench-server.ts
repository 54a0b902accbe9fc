import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';

// The real server (`onestop serve`) in a process of its own, against a benchmark database, and a small client that
// keeps cookies as a browser does. The server's own log says how long it took over each request (Fastify's
// responseTime, from the request arriving to the reply being sent), which is the server time a benchmark reports;
// the client's figure includes the loopback and the client itself, an upper bound.

export type ServedRequest = { method: string; path: string; status: number; ms: number; at: number };
export type BenchServer = { url: string; pid: number; served: ServedRequest[]; errors: string[]; stop(): Promise<void> };

export async function startBenchServer(databaseUrl: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'onestop-bench-server-'));
  const child = spawn(process.execPath, ['bin/onestop.js', 'serve', '--port', '0'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ONESTOP_DEMO: 'off', ONESTOP_DATA_DIR: dataDir, HOST: '127.0.0.1', ONESTOP_INSECURE_COOKIES: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served: ServedRequest[] = [];
  const errors: string[] = [];
  const incoming = new Map<string, { method: string; path: string }>();
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`The server stopped (${code}): ${stderr.slice(-2000)}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const running = /running at http:\/\/localhost:(\d+)/.exec(line);
      if (running) resolve(`http://127.0.0.1:${running[1]}`);
      if (!line.startsWith('{')) return;
      const entry = JSON.parse(line) as { level: number; msg: string; reqId?: string; req?: { method: string; path: string }; res?: { statusCode: number }; responseTime?: number };
      if (entry.msg === 'incoming request' && entry.reqId && entry.req) incoming.set(entry.reqId, entry.req);
      else if (entry.msg === 'request completed' && entry.reqId && entry.res && entry.responseTime !== undefined) {
        const request = incoming.get(entry.reqId);
        incoming.delete(entry.reqId);
        if (request) served.push({ ...request, status: entry.res.statusCode, ms: entry.responseTime, at: performance.now() });
      }
      if (entry.level >= 50) errors.push(line.slice(0, 2000));
    });
  });
  child.removeAllListeners('exit');
  return {
    url, pid: child.pid ?? 0, served, errors,
    stop: () => new Promise<void>((resolve) => {
      child.once('exit', () => { fs.rmSync(dataDir, { recursive: true, force: true }); resolve(); });
      child.kill('SIGTERM');
    }),
  };
}

export type Reply = { status: number; body: string; location: string | null; ms: number };

/** A browser, more or less: cookies kept, redirects not followed (a benchmark counts each request). */
export function createClient(base: string) {
  const cookies = new Map<string, string>();
  async function request(method: 'GET' | 'POST', url: string, input: { form?: Record<string, string>; body?: string; json?: unknown; token?: string } = {}): Promise<Reply> {
    const headers: Record<string, string> = {};
    if (cookies.size > 0 && !input.token) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (input.token) headers.authorization = `Bearer ${input.token}`;
    let body: string | undefined;
    if (input.form) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = new URLSearchParams(input.form).toString(); }
    if (input.body !== undefined) { headers['content-type'] = 'application/x-www-form-urlencoded'; body = input.body; }
    if (input.json !== undefined) { headers['content-type'] = 'application/json'; body = JSON.stringify(input.json); }
    const started = performance.now();
    const response = await fetch(`${base}${url}`, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    const ms = performance.now() - started;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0/i.test(cookie)) cookies.delete(name);
      else cookies.set(name, value);
    }
    return { status: response.status, body: text, location: response.headers.get('location'), ms };
  }
  return { request, cookies };
}
export type Client = ReturnType<typeof createClient>;

/** Signs in at the sign-in page with the password, as a member of staff would; fails unless it lands on Find a resident. */
export async function signIn(base: string, email: string, password: string): Promise<Client> {
  const client = createClient(base);
  const page = await client.request('GET', '/sign-in');
  const signedIn = await client.request('POST', '/sign-in', { form: { _csrf: csrfTokenIn(page.body), email, password, next: '/people' } });
  if (signedIn.status !== 303 || signedIn.location !== '/people') throw new Error(`${email} was not signed in (${signedIn.status}).`);
  return client;
}

export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no form token.');
  return token;
}
