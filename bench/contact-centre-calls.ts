import { percentile, round } from './bench-support.ts';
import type { ServedRequest } from './bench-server.ts';

// What the contact centre benchmark asks: a resident to call about, the two cases a call raises (a missed bin and a
// council tax move, with answers that pass the catalogue's forms), and how its timings are summed up.

export type Resident = { rank: number; reference: string; personId: number; contacts: number; phone: string | null; line1: string | null; postcode: string | null };

const postcodePattern = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;

/** The address an agent would take from the resident's record, or a made-up one when the record has none. */
function addressOf(resident: Resident): { line1: string; postcode: string } {
  return resident.line1 && resident.postcode && postcodePattern.test(resident.postcode.trim())
    ? { line1: resident.line1.slice(0, 200), postcode: resident.postcode.trim() } : { line1: '1 High Street', postcode: 'L1 8JQ' };
}

/** The two cases as the API takes them: answers by field name, an address as its parts. */
export function twoCasesJson(resident: Resident, index: number) {
  const address = addressOf(resident);
  return [
    { service: 'missed-bin', answers: { binType: 'general', outOnTime: 'yes', 'address-line1': address.line1, 'address-postcode': address.postcode } },
    {
      service: 'council-tax-move',
      answers: { accountNumber: String(10_000_000 + index), moveType: 'within', 'moveDate-day': '1', 'moveDate-month': '11', 'moveDate-year': '2026',
        'newAddress-line1': '2 New Road', 'newAddress-postcode': 'L1 8JQ', 'oldAddress-line1': address.line1, 'oldAddress-postcode': address.postcode },
    },
  ];
}

/** The same two cases as the desk's form posts them: each service's fields prefixed c0-, c1-. */
export function twoCasesForm(resident: Resident, index: number): Record<string, string> {
  const form: Record<string, string> = {};
  for (const [position, request] of twoCasesJson(resident, index).entries()) {
    for (const [field, value] of Object.entries(request.answers)) form[`c${position}-${field}`] = value;
  }
  return form;
}

export function summary(values: readonly number[], places = 1) {
  const sorted = [...values].sort((a, b) => a - b);
  return { n: sorted.length, p50: round(percentile(sorted, 50), places), p95: round(percentile(sorted, 95), places), p99: round(percentile(sorted, 99), places), max: round(sorted.at(-1) ?? Number.NaN, places) };
}

/** The server's own timings of the requests it served since `from` that match a method and path. */
export function servedSince(served: readonly ServedRequest[], from: number, method: string, path: RegExp): ServedRequest[] {
  return served.filter((request) => request.at >= from && request.method === method && path.test(request.path));
}

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
