import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fieldLabels } from '../../people/person.ts';
import { describeMethod } from '../../people/person.repository.ts';
import { channelLabels, channels, purposeLabels, purposes, sourceLabels } from '../../privacy/privacy.ts';
import type { SubjectAccessBundle } from '../../privacy/subject-access.ts';
import { caseStatusLabels } from '../../cases/case.ts';
import type { CaseStatus } from '../../db/schema.ts';
import type { StandardFields } from '../../sources/source-record.ts';
import { createRenderer, govDate } from '../render.ts';

// A subject access bundle as a person reads it: on the data protection officer's page, and as one HTML file with
// GOV.UK styles inside it, to send the resident or print.

const contactChannelNames: Record<string, string> = { phone_in: 'Phone call from the resident', phone_out: 'Phone call to the resident', face_to_face: 'In person', web: 'Online', email: 'Email', sms: 'Text message', letter: 'Letter' };
const contactOutcomeNames: Record<string, string> = { resolved: 'Resolved', case_raised: 'Request raised', referred: 'Referred', callback: 'Call back arranged', information: 'Information given', no_action: 'No action needed', abandoned: 'Ended early' };
const doorNames: Record<string, string> = { web: 'Web', api: 'API', cli: 'Command line', job: 'Background job' };
const dateFields = new Set<keyof StandardFields>(['dob', 'addressFrom', 'addressTo']);

function fieldRows(fields: StandardFields | Record<string, unknown>) {
  return (Object.keys(fieldLabels) as Array<keyof StandardFields>).flatMap((field) => {
    const value = (fields as Record<string, unknown>)[field];
    if (value === null || value === undefined || value === '') return [];
    return [{ label: fieldLabels[field], value: dateFields.has(field) ? govDate(value) : String(value) }];
  });
}

export function bundleView(bundle: SubjectAccessBundle) {
  const { resident } = bundle;
  return {
    bundle,
    golden: fieldRows(resident.fields).map((row) => {
      const field = (Object.keys(fieldLabels) as Array<keyof StandardFields>).find((key) => fieldLabels[key] === row.label);
      const from = field ? resident.provenance[field] : undefined;
      const corrected = field !== undefined && field in resident.corrections;
      return { ...row, source: corrected ? 'Corrected by the council' : from ? `${from.system}, reference ${from.sourceId}` : '' };
    }),
    records: bundle.sourceRecords.map((record) => ({
      ...record,
      fieldRows: fieldRows(record.fields),
      rawRows: Object.entries(record.raw).map(([column, value]) => ({ column, value })),
      how: describeMethod(record.link.method),
      versions: record.versions.map((version) => ({ ...version, rawRows: Object.entries(version.raw).map(([column, value]) => ({ column, value })) })),
    })),
    links: bundle.linkHistory.map((link) => ({ ...link, how: describeMethod(link.method) })),
    preferences: channels.map((channel) => ({
      channel: channelLabels[channel],
      cells: purposes.map((purpose) => {
        const preference = bundle.contactPreferences.current[channel][purpose];
        return preference ? (preference.granted ? 'Yes' : 'No') : 'Not asked';
      }),
    })),
    purposeNames: purposes.map((purpose) => purposeLabels[purpose]),
    preferenceHistory: bundle.contactPreferences.history.map((item) => ({
      ...item, channelName: channelLabels[item.channel], purposeName: purposeLabels[item.purpose], sourceName: sourceLabels[item.source],
    })),
    corrections: bundle.rectifications.map((item) => ({ ...item, label: fieldLabels[item.field as keyof StandardFields] ?? item.field })),
    access: bundle.accessLog.map((entry) => ({ ...entry, door: doorNames[entry.door] ?? entry.door })),
    contacts: bundle.contacts.map((contact) => ({ ...contact, channelName: contactChannelNames[contact.channel] ?? contact.channel, outcomeName: contact.outcome ? (contactOutcomeNames[contact.outcome] ?? contact.outcome) : 'Not finished' })),
    cases: bundle.cases.map((item) => ({
      ...item,
      statusName: caseStatusLabels[item.status as CaseStatus] ?? item.status,
      answerRows: Object.entries(item.answers).map(([name, value]) => ({ name, value: typeof value === 'object' && value !== null ? Object.values(value).filter(Boolean).join(', ') : String(value) })),
      history: item.history.map((event) => ({ ...event, text: typeof event.details.text === 'string' ? event.details.text : typeof event.details.note === 'string' ? event.details.note : '' })),
    })),
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
let styles: string | undefined;

/** The bundle as one self-contained HTML file: GOV.UK Frontend's styles inside it, and a print layout. */
export function bundleDocument(bundle: SubjectAccessBundle, councilName: string): string {
  styles ??= fs.readFileSync(path.resolve(here, '../../../node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.css'), 'utf8')
    // The fonts and images are not in the file; the styles fall back to the system's sans-serif.
    .replace(/url\([^)]*\)/g, 'none');
  return createRenderer().render('privacy/bundle-document.njk', { ...bundleView(bundle), councilName, styles });
}
