import type { FastifyInstance } from 'fastify';
import { NotFound, ValidationFailed } from '../errors.ts';

// PostgreSQL text cannot hold a NUL character: one in a search, a reference or a form field would fail its query
// (a 500). No council data needs one, so it is refused at the door with 400, in the URL, the query or a parsed body.
// Likewise an id too large for an integer column.
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (depth > 8 || value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1));
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1));
}

export function refuseNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (/%00/.test(request.url) || holdsNul(request.params) || holdsNul(request.query) || holdsNul(request.body)) {
      throw new ValidationFailed('The request holds a NUL character, which no field may contain.');
    }
    // A numeric id in the path beyond what the database's integer ids can hold names nothing (rather than a 500).
    for (const value of Object.values((request.params ?? {}) as Record<string, unknown>)) {
      if (typeof value === 'string' && /^-?\d+$/.test(value) && Math.abs(Number(value)) > 2_147_483_647) throw new NotFound(`There is nothing with the id ${value}.`);
    }
  });
}
