import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nunjucks from 'nunjucks';
import { formatPhone } from '../sources/parse-phone.ts';

// Nunjucks with GOV.UK Frontend and MOJ Frontend templates, and date filters in the GOV.UK style, London time.
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
const shortDateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'Europe/London' });
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hour12: true, timeZone: 'Europe/London' });

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return value;
  if (typeof value === 'string' && value !== '') {
    const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T12:00:00Z` : value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

export function govDate(value: unknown): string {
  const date = toDate(value);
  return date ? dateFormat.format(date) : '';
}

export function govDateTime(value: unknown): string {
  const date = toDate(value);
  return date ? `${dateFormat.format(date)} at ${timeFormat.format(date).replace(' ', '')}` : '';
}

/** Age in whole years on a given day, from an ISO date of birth. */
export function ageOn(dob: unknown, today: Date = new Date()): number | undefined {
  if (typeof dob !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dob)) return undefined;
  const [year, month, day] = dob.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - year;
  if (today.getUTCMonth() + 1 < month || (today.getUTCMonth() + 1 === month && today.getUTCDate() < day)) age--;
  return age;
}

export function createRenderer() {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([
      path.join(here, 'views'),
      here,
      path.join(root, 'node_modules/govuk-frontend/dist'),
      path.join(root, 'node_modules/@ministryofjustice/frontend'),
    ], { noCache: false }),
    { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
  );
  env.addFilter('govDate', govDate);
  env.addFilter('phone', (value: unknown) => (typeof value === 'string' ? formatPhone(value) : ''));
  env.addFilter('govDateTime', govDateTime);
  env.addFilter('age', (dob: unknown) => ageOn(dob));
  env.addFilter('number', (value: unknown) => (typeof value === 'number' ? value.toLocaleString('en-GB') : String(value ?? '')));
  // The MOJ timeline component formats its dates through these two.
  env.addFilter('mojDate', (value: unknown, type: string) => {
    const date = toDate(value);
    if (!date) return '';
    if (type === 'date') return dateFormat.format(date);
    if (type === 'shortdate') return shortDateFormat.format(date);
    if (type === 'time') return timeFormat.format(date);
    return govDateTime(date);
  });
  env.addFilter('date', (value: unknown) => govDate(value));
  return {
    render(template: string, context: object): string {
      return env.render(template, context);
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
