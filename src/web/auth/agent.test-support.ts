import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

// A small browser for tests through app.inject: it keeps cookies, and fills in a form's CSRF token as a page would.

export type Agent = ReturnType<typeof createAgent>;

export function createAgent(app: FastifyInstance, options: { remoteAddress?: string } = {}) {
  const cookies = new Map<string, string>();

  async function request(input: { method?: 'GET' | 'POST'; url: string; form?: Record<string, string>; headers?: Record<string, string> }): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...input.headers };
    if (cookies.size > 0) headers.cookie = [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    if (input.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await app.inject({
      method: input.method ?? 'GET', url: input.url, headers,
      ...(input.form ? { payload: new URLSearchParams(input.form).toString() } : {}),
      ...(options.remoteAddress ? { remoteAddress: options.remoteAddress } : {}),
    });
    for (const cookie of response.cookies as Array<{ name: string; value: string; maxAge?: number; expires?: Date }>) {
      const cleared = cookie.value === '' || cookie.maxAge === 0 || (cookie.expires !== undefined && cookie.expires.getTime() < Date.now());
      if (cleared) cookies.delete(cookie.name);
      else cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  /** Opens a page and posts its form back with the fields given, as a person pressing its button would. */
  async function submit(pageUrl: string, action: string, fields: Record<string, string>): Promise<LightMyRequestResponse> {
    const page = await request({ url: pageUrl });
    return request({ method: 'POST', url: action, form: { _csrf: csrfTokenIn(page.body), ...fields } });
  }

  return { request, submit, cookies };
}

/** A new agent signed in with the password, as a member of staff at the sign-in page; fails unless it lands on Find a resident. */
export async function signInAgent(app: FastifyInstance, email: string, password: string): Promise<Agent> {
  const agent = createAgent(app);
  const response = await agent.submit('/sign-in', '/sign-in', { email, password, next: '/people' });
  if (response.headers.location !== '/people') throw new Error(`${email} was not signed in (${response.statusCode}).`);
  return agent;
}

export function csrfTokenIn(html: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('The page has no form token.');
  return token;
}

/** The text of the page's error summary, with runs of white space made single. */
export function errorSummaryOf(html: string): string {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}
