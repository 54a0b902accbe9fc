import { z } from 'zod';
import { parseEmail } from '../sources/parse-email.ts';
import { parsePhone } from '../sources/parse-phone.ts';
import { parsePostcode } from '../sources/parse-postcode.ts';
import { parseUprn } from '../sources/parse-uprn.ts';
import { optionValues, type FormDefinition, type FormField } from './form-definition.ts';

// The answers to a service's form, checked by a zod schema derived from its definition: the server's only check,
// so pages without JavaScript, the API and the case issue's storage all agree. A question that depends on another
// is checked only when it is asked; when it is not, whatever was sent for it is dropped.

export type AddressAnswer = { uprn: string | null; line1: string; postcode: string };
export type Answer = string | number | AddressAnswer;
export type Answers = Record<string, Answer>;
export type FieldError = { field: string; href: string; text: string };
export type Checked = { ok: true; answers: Answers } | { ok: false; errors: FieldError[] };

/** The id of a field's first input on the page, where its error links to. */
export function inputId(field: FormField): string {
  const id = `answer-${field.name}`;
  if (field.type === 'date') return `${id}-day`;
  if (field.type === 'address') return `${id}-line1`;
  return id;
}

/** Whether a question is asked, given the answers so far. */
export function isAsked(field: FormField, raw: Record<string, unknown>): boolean {
  if (!field.showWhen) return true;
  const parentAnswer = raw[field.showWhen.field];
  return typeof parentAnswer === 'string' && field.showWhen.equals.includes(parentAnswer);
}

/** The zod schema for a whole form's raw answers (form fields as strings, by input name). */
export function answersSchema(definition: FormDefinition, today: string) {
  return z.record(z.string(), z.unknown()).transform((raw, context) => {
    const answers: Answers = {};
    for (const field of definition.fields) {
      if (!isAsked(field, raw)) continue;
      const parsed = valueSchema(field, today).safeParse(rawValue(field, raw));
      if (!parsed.success) {
        context.addIssue({ code: 'custom', path: [field.name], message: parsed.error.issues[0]?.message ?? `Check ${nameOf(field)}` });
        continue;
      }
      if (parsed.data !== null) answers[field.name] = parsed.data;
    }
    return answers;
  });
}

export function checkAnswers(definition: FormDefinition, raw: Record<string, unknown>, today: string): Checked {
  const parsed = answersSchema(definition, today).safeParse(raw);
  if (parsed.success) return { ok: true, answers: parsed.data };
  const byName = new Map(definition.fields.map((field) => [field.name, field]));
  return {
    ok: false,
    errors: parsed.error.issues.flatMap((issue) => {
      const field = byName.get(String(issue.path[0]));
      return field ? [{ field: field.name, href: `#${inputId(field)}`, text: issue.message }] : [];
    }),
  };
}

type Raw = string | Record<string, string>;

function rawValue(field: FormField, raw: Record<string, unknown>): Raw {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  if (field.type === 'date') return { day: text(`${field.name}-day`), month: text(`${field.name}-month`), year: text(`${field.name}-year`) };
  if (field.type === 'address') return { uprn: text(`${field.name}-uprn`), line1: text(`${field.name}-line1`), postcode: text(`${field.name}-postcode`) };
  return text(field.name);
}

function nameOf(field: FormField): string {
  return field.errorName ?? `an answer to ‘${field.label.replace(/\?$/, '')}’`;
}

/** One field's schema: its raw input to its answer, or null when optional and left blank. */
function valueSchema(field: FormField, today: string): z.ZodType<Answer | null, Raw> {
  const blank = z.custom<Raw>();
  const required = `${['select', 'radios', 'yesno'].includes(field.type) ? 'Select' : 'Enter'} ${nameOf(field)}`;
  return blank.transform((value, context): Answer | null => {
    const fail = (message: string) => {
      context.addIssue({ code: 'custom', message });
      return z.NEVER;
    };
    if (typeof value !== 'string') return field.type === 'date' ? dateValue(field, value, today, required, fail) : addressValue(field, value, required, fail);
    const trimmed = value.trim();
    if (trimmed === '') return field.required ? fail(required) : null;
    switch (field.type) {
      case 'text':
        if (field.minLength !== undefined && trimmed.length < field.minLength) return fail(`${capitalise(nameOf(field))} must be ${field.minLength} characters or more`);
        if (trimmed.length > field.maxLength) return fail(`${capitalise(nameOf(field))} must be ${field.maxLength} characters or fewer`);
        if (field.pattern && !new RegExp(`^(?:${field.pattern})$`, 'u').test(trimmed)) return fail(field.patternMessage ?? `Enter ${nameOf(field)} in the right format`);
        return trimmed;
      case 'textarea':
        return trimmed.length > field.maxLength ? fail(`${capitalise(nameOf(field))} must be ${field.maxLength} characters or fewer`) : trimmed;
      case 'select': case 'radios': case 'yesno':
        return optionValues(field).includes(trimmed) ? trimmed : fail(required);
      case 'phone': {
        const phone = parsePhone(trimmed);
        return phone.ok && phone.value ? phone.value : fail(`Enter a UK phone number, like 01632 960 001 or 07700 900 982`);
      }
      case 'email': {
        const email = parseEmail(trimmed);
        return email.ok && email.value ? email.value : fail('Enter an email address in the correct format, like name@example.com');
      }
      case 'number': {
        const number = Number(trimmed.replace(/,/g, ''));
        if (!/^-?[\d,]*\.?\d+$/.test(trimmed) || !Number.isFinite(number)) return fail(`${capitalise(nameOf(field))} must be a number`);
        if (field.wholeNumber && !Number.isInteger(number)) return fail(`${capitalise(nameOf(field))} must be a whole number`);
        if (field.min !== undefined && number < field.min) return fail(`${capitalise(nameOf(field))} must be ${field.min} or more`);
        if (field.max !== undefined && number > field.max) return fail(`${capitalise(nameOf(field))} must be ${field.max} or less`);
        return number;
      }
      default:
        return fail(required);
    }
  });
}

type Fail = (message: string) => never;

function dateValue(field: Extract<FormField, { type: 'date' }>, parts: Record<string, string>, today: string, required: string, fail: Fail): string | null {
  const [day, month, year] = [parts.day ?? '', parts.month ?? '', parts.year ?? ''].map((part) => part.trim());
  if (!day && !month && !year) return field.required ? fail(required) : null;
  const missing = [['day', day], ['month', month], ['year', year]].filter(([, value]) => !value).map(([part]) => part);
  if (missing.length > 0) return fail(`${capitalise(nameOf(field))} must include a ${missing.join(' and ')}`);
  if (![day, month, year].every((part) => /^\d+$/.test(part ?? '')) || (year ?? '').length !== 4) return fail(`${capitalise(nameOf(field))} must be a real date`);
  const iso = `${year}-${(month ?? '').padStart(2, '0')}-${(day ?? '').padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) return fail(`${capitalise(nameOf(field))} must be a real date`);
  if (field.notInFuture && iso > today) return fail(`${capitalise(nameOf(field))} must be today or in the past`);
  if (field.notInPast && iso < today) return fail(`${capitalise(nameOf(field))} must be today or in the future`);
  return iso;
}

function addressValue(field: FormField, parts: Record<string, string>, required: string, fail: Fail): AddressAnswer | null {
  const [uprnText, line1, postcodeText] = [parts.uprn ?? '', parts.line1 ?? '', parts.postcode ?? ''].map((part) => part.trim()) as [string, string, string];
  if (!uprnText && !line1 && !postcodeText) return field.required ? fail(required) : null;
  const uprn = parseUprn(uprnText);
  if (uprnText && !(uprn.ok && uprn.value)) return fail('Enter a UPRN of up to 12 digits, or leave it blank');
  if (!line1) return fail('Enter the first line of the address');
  if (line1.length > 200) return fail('The first line of the address must be 200 characters or fewer');
  const postcode = parsePostcode(postcodeText);
  if (!(postcode.ok && postcode.value)) return fail(postcodeText ? 'Enter a real UK postcode, like L1 8JQ' : 'Enter the postcode');
  return { uprn: uprn.ok ? uprn.value : null, line1, postcode: postcode.value };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
