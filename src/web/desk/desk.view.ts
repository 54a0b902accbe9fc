import { checkAnswers, inputId, type Answers, type FieldError } from '../../catalogue/answers.ts';
import type { Service } from '../../catalogue/service.ts';
import { avoidableLabels, channelLabels, displayPhone, outcomeLabels, type ContactSummary, type TimelineEntry } from '../../contacts/contact.ts';
import { caseStatusLabels } from '../../cases/case.ts';
import type { CaseStatus } from '../../db/schema.ts';
import { formView } from '../catalogue/catalogue.view.ts';
import { govDate, govDateTime } from '../render.ts';

// Shapes contacts for the desk and the resident's timeline. Several services' forms share one page on the desk, so
// each form's inputs are named with a prefix (c0-, c1-…) that keeps them apart; the catalogue's own form view and
// template render them, and the catalogue's own checks read them once the prefix is taken off.

export const prefixOf = (index: number) => `c${index}-`;

/** The answers a page sent for each chosen service, by its position, with the prefix taken off. */
export function answersByService(body: Record<string, unknown>, count: number): Array<Record<string, string>> {
  const answers: Array<Record<string, string>> = Array.from({ length: count }, () => ({}));
  for (const [key, value] of Object.entries(body)) {
    const match = /^c(\d{1,2})-(.+)$/.exec(key);
    const index = Number(match?.[1]);
    const target = match ? answers[index] : undefined;
    if (target && match?.[2] && typeof value === 'string') target[match[2]] = value;
  }
  return answers;
}

/** An error for one service's field, linking to that service's input on the shared page. */
export function prefixedError(service: Service, index: number, field: string, text: string): FieldError {
  const definition = service.form.fields.find((candidate) => candidate.name === field);
  const id = definition ? inputId(definition) : `answer-${field}`;
  return { field, href: `#answer-${prefixOf(index)}${id.slice('answer-'.length)}`, text };
}

export type ServiceForm = { index: number; service: Service; fields: ReturnType<typeof formView>; errors: FieldError[] };

export function serviceForms(chosen: readonly Service[], answers: ReadonlyArray<Record<string, string>>, errors: ReadonlyArray<FieldError[]> = []): ServiceForm[] {
  return chosen.map((service, index) => {
    const own = errors[index] ?? [];
    return { index, service, fields: formView(service.form, answers[index] ?? {}, own, prefixOf(index)), errors: own };
  });
}

/** Checks each chosen service's answers as the case opener will; errors by service position. */
export function checkAll(chosen: readonly Service[], answers: ReadonlyArray<Record<string, string>>, today: string): { ok: boolean; errors: FieldError[][]; checked: Answers[] } {
  const results = chosen.map((service, index) => checkAnswers(service.form, answers[index] ?? {}, today));
  return {
    ok: results.every((result) => result.ok),
    errors: results.map((result, index) => (result.ok ? [] : result.errors.map((error) => prefixedError(chosen[index] as Service, index, error.field, `${(chosen[index] as Service).name}: ${error.text}`)))),
    checked: results.map((result) => (result.ok ? result.answers : {})),
  };
}

/** Checked answers as rows a person reads back: option text rather than codes, dates and addresses written out. */
export function answerRows(service: Service, answers: Answers) {
  return service.form.fields.flatMap((field) => {
    const answer = answers[field.name];
    if (answer === undefined) return [];
    let text: string;
    if (typeof answer === 'object') text = [answer.line1, answer.postcode, answer.uprn ? `UPRN ${answer.uprn}` : ''].filter(Boolean).join(', ');
    else if (field.type === 'date') text = govDate(answer);
    else if (field.type === 'yesno') text = answer === 'yes' ? 'Yes' : 'No';
    else if (field.type === 'select' || field.type === 'radios') text = field.options.find((option) => option.value === answer)?.text ?? String(answer);
    else text = String(answer);
    return [{ key: { text: field.label }, value: { text } }];
  });
}

/** What the desk says of an open contact: "Incoming call from 07700 900123 — Jane Smith (K7M3-9QD2)". */
export function contactHeadline(contact: ContactSummary): string {
  const who = contact.personReference ? `${contact.personName ?? 'Unnamed resident'} (${contact.personReference})` : 'caller not identified';
  if (contact.channel === 'phone_in') return `Incoming call from ${displayPhone(contact.callerNumber)} — ${who}`;
  return `${channelLabels[contact.channel]} — ${who}`;
}

/** Entries for the MOJ timeline component. */
export function timelineItems(entries: readonly TimelineEntry[]) {
  return entries.map((entry) => {
    if (entry.kind === 'case') {
      const item = entry.case;
      return {
        label: { text: `Case ${item.reference} opened: ${item.serviceName}` },
        html: `<p class="govuk-body"><a class="govuk-link" href="/cases/${escapeHtml(item.reference)}">${escapeHtml(item.reference)}</a> · ${escapeHtml(caseStatusLabels[item.status as CaseStatus] ?? item.status)} · due ${escapeHtml(govDateTime(item.dueAt))}</p>`,
        datetime: { timestamp: entry.at.toISOString(), type: 'datetime' },
      };
    }
    const contact = entry.contact;
    const parts = [
      contact.reasons.length > 0 ? `About: ${contact.reasons.map((reason) => escapeHtml(reason.name)).join(', ')}` : '',
      contact.outcome ? `Outcome: ${escapeHtml(outcomeLabels[contact.outcome])}${contact.resolvedFirstContact ? ' (resolved at first contact)' : ''}` : 'Not wrapped up yet',
      contact.avoidable && contact.avoidableReason ? `Avoidable: ${escapeHtml(avoidableLabels[contact.avoidableReason])}` : '',
      contact.cases.length > 0 ? `Cases: ${contact.cases.map((item) => `<a class="govuk-link" href="/cases/${escapeHtml(item.reference)}">${escapeHtml(item.reference)}</a>`).join(', ')}` : '',
      contact.summary ? escapeHtml(contact.summary) : '',
    ].filter(Boolean);
    return {
      label: { text: `${channelLabels[contact.channel]}` },
      html: parts.map((part) => `<p class="govuk-body govuk-!-margin-bottom-1">${part}</p>`).join(''),
      datetime: { timestamp: entry.at.toISOString(), type: 'datetime' },
      byline: { text: contact.staffName ?? 'Recorded by OneStop' },
    };
  });
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character] ?? character);
}

export const outcomeItems = Object.entries(outcomeLabels).map(([value, text]) => ({ value, text }));
export const avoidableItems = Object.entries(avoidableLabels).map(([value, text]) => ({ value, text }));
export const channelItems = Object.entries(channelLabels).map(([value, text]) => ({ value, text }));
