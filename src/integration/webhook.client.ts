import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { ResolvedTarget } from './target-guard.ts';

// One POST to a back office, to the addresses the guard checked (never a fresh lookup that could answer otherwise),
// with a deadline for the whole exchange and no redirects followed: a 3xx is a failed attempt.

export type PostOutcome = { ok: true; status: number } | { ok: false; status: number | null; error: string };

export function postJson(target: ResolvedTarget, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostOutcome> {
  const pinned: LookupFunction = (_hostname, options, callback) => {
    const [first] = target.addresses;
    if (!first) return callback(new Error('no address'), '', 4);
    if (options.all) return (callback as unknown as (error: null, addresses: Array<{ address: string; family: number }>) => void)(null, target.addresses);
    return callback(null, first.address, first.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (outcome: PostOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(target.url, {
      method: 'POST', lookup: pinned, agent: false,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'OneStop-Webhooks/1' },
    }, (response) => {
      const status = response.statusCode ?? 0;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => { if (text.length < 500) text += chunk; });
      response.on('error', (error) => finish({ ok: false, status, error: error.message }));
      response.on('end', () => {
        if (status >= 200 && status < 300) return finish({ ok: true, status });
        const why = status >= 300 && status < 400 ? `redirected to ${String(response.headers.location ?? 'elsewhere')} (not followed)` : text.replace(/\s+/g, ' ').trim().slice(0, 200);
        finish({ ok: false, status, error: `HTTP ${status}${why ? `: ${why}` : ''}` });
      });
    });
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, error: `no answer within ${timeoutMs} ms` });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => finish({ ok: false, status: null, error: error.code ? `${error.code}: ${error.message}` : error.message }));
    request.end(body);
  });
}
