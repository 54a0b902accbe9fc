import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient, csrfTokenIn, signIn, type BenchServer, type Client, type Reply } from './bench-server.ts';
import { pause, summary, twoCasesForm, type Resident } from './contact-centre-calls.ts';
import { benchAgentEmail, benchPassword } from './contact-centre-seed.ts';
import { round } from './bench-support.ts';

// Agents taking calls at a set rate, each through the desk as a person would: the switch pops the call (API), the
// agent's browser opens the contact the pop points to, links the caller if the pop could not say who it is, opens
// the resident's page and timeline, raises two cases, the switch ends the call, the agent wraps up. Calls are
// scheduled (open loop): a slow answer makes the next call late, it does not lower the rate asked for.

export type LoadOptions = { agents: number; callsPerHour: number; seconds: number; telephonyToken: string; residents: readonly Resident[]; serverPid: number };
const steps = ['pop', 'desk', 'link', 'resident', 'timeline', 'cases', 'end', 'wrapup'] as const;
type Step = (typeof steps)[number];
const routes: Record<Step, RegExp> = {
  pop: /^POST \/api\/v1\/calls$/, desk: /^GET \/desk\/contacts\/\d+$/, link: /^POST \/desk\/contacts\/\d+\/person$/,
  resident: /^GET \/people\/[0-9A-Z]{4}-[0-9A-Z]{4}$/, timeline: /^GET \/people\/[0-9A-Z]{4}-[0-9A-Z]{4}\/contacts$/,
  cases: /^POST \/desk\/contacts\/\d+\/cases$/, end: /^POST \/api\/v1\/calls\/[^/]+\/end$/, wrapup: /^POST \/desk\/contacts\/\d+\/wrap-up$/,
};
// Seconds into the call at which each step starts: talk time is most of it.
const offsets: Record<Step, number> = { pop: 0, desk: 0.5, link: 2, resident: 3, timeline: 5, cases: 15, end: 16, wrapup: 20 };

export async function runAgents(server: BenchServer, options: LoadOptions) {
  const clients: Client[] = [];
  for (let index = 1; index <= options.agents; index++) clients.push(await signIn(server.url, benchAgentEmail(index), benchPassword));
  const telephony = createClient(server.url);
  const period = (options.agents * 3600) / options.callsPerHour;
  const timings = new Map<Step, number[]>(steps.map((step) => [step, []]));
  const failures: string[] = [];
  let calls = 0;
  let late = 0;
  let identified = 0;
  const cpuBefore = cpuSeconds(options.serverPid);
  const loads: number[] = [];
  const sampler = setInterval(() => loads.push(Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0])), 5_000);
  const started = performance.now();
  const deadline = started + options.seconds * 1000;

  async function timed(step: Step, expected: number, request: () => Promise<Reply>): Promise<Reply | undefined> {
    try {
      const reply = await request();
      timings.get(step)?.push(reply.ms);
      if (reply.status !== expected) { failures.push(`${step}: ${reply.status} ${reply.body.slice(0, 200)}`); return undefined; }
      return reply;
    } catch (error) {
      failures.push(`${step}: ${String(error)}`);
      return undefined;
    }
  }

  async function call(agent: number, client: Client, resident: Resident, callStart: number, number: number) {
    const at = (step: Step) => pause(callStart + offsets[step] * 1000 - performance.now());
    const callId = `load-${Math.round(started)}-${agent}-${number}`;
    const callerNumber = resident.phone ?? `+4477009${String(number % 100_000).padStart(5, '0')}`;
    const pop = await timed('pop', 201, () => telephony.request('POST', '/api/v1/calls', { token: options.telephonyToken, json: { callerNumber, callId, agentEmail: benchAgentEmail(agent) } }));
    if (!pop) return;
    const popped = JSON.parse(pop.body) as { contactId: number; url: string; person: { reference: string } | null };
    await at('desk');
    const desk = await timed('desk', 200, () => client.request('GET', popped.url));
    if (!desk) return;
    const csrf = csrfTokenIn(desk.body);
    // The pop opens on whoever identity resolution is sure of; otherwise the agent finds the caller and links them.
    let reference = popped.person?.reference;
    if (reference) identified++;
    else {
      await at('link');
      if (!(await timed('link', 303, () => client.request('POST', `${popped.url}/person`, { form: { _csrf: csrf, person: resident.reference } })))) return;
      reference = resident.reference;
    }
    await at('resident');
    if (!(await timed('resident', 200, () => client.request('GET', `/people/${reference}`)))) return;
    await at('timeline');
    if (!(await timed('timeline', 200, () => client.request('GET', `/people/${reference}/contacts`)))) return;
    await at('cases');
    const form = { _csrf: csrf, service: 'missed-bin', ...twoCasesForm(resident, number) };
    const body = new URLSearchParams(form);
    body.append('service', 'council-tax-move');
    if (!(await timed('cases', 303, () => client.request('POST', `${popped.url}/cases`, { body: body.toString() })))) return;
    await at('end');
    if (!(await timed('end', 200, () => telephony.request('POST', `/api/v1/calls/${callId}/end`, { token: options.telephonyToken, json: {} })))) return;
    await at('wrapup');
    await timed('wrapup', 303, () => client.request('POST', `${popped.url}/wrap-up`, { form: { _csrf: csrf, outcome: 'case_raised', resolvedFirstContact: 'no', avoidable: 'no', summary: 'Missed bin reported; moving within the borough.' } }));
  }

  let drawn = 0;
  await Promise.all(clients.map(async (client, index) => {
    const agent = index + 1;
    // Agents' calls are spread evenly over the period, so calls arrive at a steady rate.
    for (let next = started + (index * period * 1000) / options.agents; next < deadline; next += period * 1000) {
      await pause(next - performance.now());
      const callStart = performance.now();
      if (callStart - next > 1000) late++;
      const resident = options.residents[drawn++ % options.residents.length];
      if (!resident) return;
      calls++;
      await call(agent, client, resident, callStart, drawn);
    }
  }));
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  await pause(500); // the server's log of the last requests is on its way
  const all = [...timings.values()].flat();
  const served = server.served.filter((request) => request.at >= started);
  const serverTimes = Object.fromEntries(steps.map((step) => [step, served.filter((request) => routes[step].test(`${request.method} ${request.path}`)).map((request) => request.ms)]));
  return {
    agents: options.agents, callsPerHourAsked: options.callsPerHour, secondsPerAgentCall: round(period, 1), seconds: round(seconds, 1),
    calls, callsStartedPerSecond: round(calls / options.seconds, 2), requests: all.length, requestsPerSecond: round(all.length / seconds, 1), lateCalls: late,
    callersIdentifiedByScreenPop: identified, errors: failures.length, firstErrors: failures.slice(0, 5),
    serverMs: { overall: summary(Object.values(serverTimes).flat()), ...Object.fromEntries(steps.map((step) => [step, summary(serverTimes[step] ?? [])])) },
    clientMs: { overall: summary(all), ...Object.fromEntries(steps.map((step) => [step, summary(timings.get(step) ?? [])])) },
    loadAverage: loads.length > 0 ? { min: Math.min(...loads), max: Math.max(...loads) } : null,
    serverProcessCpuPercent: round(((cpuSeconds(options.serverPid) - cpuBefore) / seconds) * 100, 0),
  };
}

/** CPU seconds a process has used (user and system), from /proc. */
export function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
