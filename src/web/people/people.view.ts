import type { SearchHit } from '../../people/search.repository.ts';
import type { SearchQuery } from '../../people/search.ts';
import type { PersonChange } from '../../people/change.ts';
import { fieldLabels, type ResidentView } from '../../people/person.ts';
import type { StandardFields } from '../../sources/source-record.ts';
import { describeMethod } from '../../people/person.repository.ts';
import { govDate } from '../render.ts';
import { formatPhone } from '../../sources/parse-phone.ts';

// Shapes domain results into what the resident and search pages show.

const matchLabels: Record<string, string> = {
  reference: 'OneStop reference', ni_number: 'NI number', phone: 'phone number', email: 'email', uprn: 'UPRN',
  source_reference: 'a system reference', postcode: 'postcode', dob: 'date of birth', name: 'name', sounds_like: 'name sounds alike',
};

export function searchResultsView(hits: readonly SearchHit[]) {
  return hits.map((hit) => ({
    ...hit,
    address: [hit.addressLine1, hit.town, hit.postcode].filter(Boolean).join(', '),
    matched: hit.matchedOn.map((tag) => matchLabels[tag] ?? tag).join(', '),
  }));
}

export function understoodView(query: SearchQuery): string[] {
  const parts: string[] = [];
  if (query.name) parts.push(`name “${query.name}”`);
  if (query.postcode) parts.push(`postcode ${query.postcode}`);
  if (query.dob) parts.push(`date of birth ${govDate(query.dob)}`);
  if (query.phone) parts.push(`phone ${query.phone}`);
  if (query.email) parts.push(`email ${query.email}`);
  if (query.niNumber) parts.push(`NI number ${query.niNumber}`);
  if (query.uprn) parts.push(`UPRN or reference ${query.uprn}`);
  return parts;
}

const goldenOrder: Array<keyof StandardFields> = ['title', 'givenName', 'middleName', 'familyName', 'dob', 'sex', 'addressLine1', 'addressLine2', 'town', 'postcode', 'uprn', 'phone', 'email', 'niNumber'];

export function goldenRows(view: ResidentView) {
  return goldenOrder.flatMap((field) => {
    const value = view.person.fields[field];
    if (value === null) return [];
    const source = view.provenance[field];
    const shown = field === 'dob' ? govDate(value) : field === 'sex' ? capitalise(value) : field === 'phone' ? formatPhone(value) : value;
    return [{ field, label: fieldLabels[field], value: shown, source: source ? `${source.systemName} (reference ${source.sourceId}), last said ${govDate(source.lastSeenAt)}` : '' }];
  });
}

export function recordRows(fields: StandardFields) {
  return (Object.keys(fieldLabels) as Array<keyof StandardFields>).flatMap((field) => {
    const value = fields[field];
    if (value === null || field === 'fullName') return [];
    return [{ key: { text: fieldLabels[field] }, value: { text: field === 'dob' || field === 'addressFrom' || field === 'addressTo' ? govDate(value) : field === 'phone' ? formatPhone(value) : value } }];
  });
}

export function linkDescription(method: string): string {
  return describeMethod(method);
}

function capitalise(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1);
}

const changeNames: Record<PersonChange['kind'], string> = {
  link: 'Records linked', merge: 'Residents merged', split: 'Records separated', move: 'Records moved', relink: 'Records relinked', undo: 'Change undone',
};

/** What a change did, from the point of view of the resident whose history shows it. */
export function describeChange(change: PersonChange, personId: number): { title: string; detail: string } {
  const gained = change.moves.filter((move) => move.toPersonId === personId).length;
  const lost = change.moves.filter((move) => move.fromPersonId === personId).length;
  const parts: string[] = [];
  if (gained > 0) parts.push(`${gained} record${gained === 1 ? '' : 's'} joined this resident`);
  if (lost > 0) parts.push(`${lost} record${lost === 1 ? '' : 's'} left this resident`);
  const state = change.persons.find((person) => person.personId === personId);
  if (state?.after.status === 'merged') parts.push('this reference now leads to the resident the records joined');
  if (change.reason) parts.push(`reason given: “${change.reason}”`);
  const undone = change.undoneBy !== null ? ` (undone by change ${change.undoneBy})` : change.undoes !== null ? ` (undoing change ${change.undoes})` : '';
  return { title: `${changeNames[change.kind]}${undone}`, detail: `${parts.join('; ') || 'No records moved'}.` };
}
