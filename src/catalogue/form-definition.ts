import { z } from 'zod';

// A service's form: the questions an agent asks, as data an administrator can edit. The same definition renders the
// GOV.UK form (src/web/catalogue/form-fields.njk) and derives the validation of its answers (answers.ts).

export const fieldTypes = ['text', 'textarea', 'date', 'select', 'radios', 'yesno', 'address', 'phone', 'email', 'number'] as const;
export type FieldType = (typeof fieldTypes)[number];

const name = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'A field name is up to 40 letters and digits in camelCase, starting with a lower-case letter, like binType');
const optionSchema = z.object({
  value: z.string().trim().min(1).max(60).regex(/^[\w-]+$/, 'An option value is letters, digits, hyphens or underscores'),
  text: z.string().trim().min(1).max(200),
}).strict();

const base = {
  name,
  label: z.string().trim().min(1, 'Every field needs a label').max(300),
  hint: z.string().trim().max(500).optional(),
  required: z.boolean().default(false),
  /** How the error messages name the answer ("the house number"); the label is used when missing. */
  errorName: z.string().trim().max(100).optional(),
  /** Ask this only when an earlier radios, select or yes/no question has one of these answers. */
  showWhen: z.object({ field: name, equals: z.array(z.string().max(60)).min(1).max(20) }).strict().optional(),
};

const textField = z.object({
  ...base, type: z.literal('text'),
  minLength: z.number().int().min(1).max(2000).optional(), maxLength: z.number().int().min(1).max(2000).default(200),
  pattern: z.string().max(200).refine(isRegex, 'The pattern is not a valid regular expression').optional(),
  patternMessage: z.string().max(200).optional(),
}).strict();
const textareaField = z.object({ ...base, type: z.literal('textarea'), maxLength: z.number().int().min(1).max(10_000).default(1200) }).strict();
const dateField = z.object({ ...base, type: z.literal('date'), notInFuture: z.boolean().optional(), notInPast: z.boolean().optional() }).strict();
const choiceFields = [
  z.object({ ...base, type: z.literal('select'), options: z.array(optionSchema).min(2).max(100) }).strict(),
  z.object({ ...base, type: z.literal('radios'), options: z.array(optionSchema).min(2).max(20) }).strict(),
] as const;
const yesNoField = z.object({ ...base, type: z.literal('yesno') }).strict();
const addressField = z.object({ ...base, type: z.literal('address') }).strict();
const phoneField = z.object({ ...base, type: z.literal('phone') }).strict();
const emailField = z.object({ ...base, type: z.literal('email') }).strict();
const numberField = z.object({
  ...base, type: z.literal('number'),
  min: z.number().optional(), max: z.number().optional(), wholeNumber: z.boolean().default(true), unit: z.string().max(30).optional(),
}).strict();

export const fieldSchema = z.discriminatedUnion('type', [textField, textareaField, dateField, ...choiceFields, yesNoField, addressField, phoneField, emailField, numberField]);
export type FormField = z.infer<typeof fieldSchema>;
export type ChoiceField = Extract<FormField, { type: 'select' | 'radios' }>;

export const formDefinitionSchema = z.object({ fields: z.array(fieldSchema).max(60) }).strict().superRefine((definition, context) => {
  const seen = new Map<string, FormField>();
  definition.fields.forEach((field, index) => {
    if (seen.has(field.name)) context.addIssue({ code: 'custom', path: ['fields', index, 'name'], message: `Two fields are named ${field.name}` });
    if (field.type === 'number' && field.min !== undefined && field.max !== undefined && field.min > field.max) context.addIssue({ code: 'custom', path: ['fields', index, 'max'], message: `${field.name}: max is below min` });
    if (field.type === 'text' && field.minLength !== undefined && field.minLength > field.maxLength) context.addIssue({ code: 'custom', path: ['fields', index, 'maxLength'], message: `${field.name}: maxLength is below minLength` });
    if (field.showWhen) {
      const parent = seen.get(field.showWhen.field);
      const problem = !parent ? `shows when ${field.showWhen.field} answers, but no earlier field has that name`
        : parent.showWhen ? `depends on ${parent.name}, which is itself conditional: GOV.UK forms reveal one level only`
          : !['radios', 'select', 'yesno'].includes(parent.type) ? `depends on ${parent.name}, which is not a choice (radios, select or yes/no)`
            : field.showWhen.equals.filter((value) => !optionValues(parent).includes(value)).map((value) => `depends on ${parent.name} being "${value}", which is not one of its options`)[0];
      if (problem) context.addIssue({ code: 'custom', path: ['fields', index, 'showWhen'], message: `${field.name} ${problem}` });
    }
    seen.set(field.name, field);
  });
});
export type FormDefinition = z.infer<typeof formDefinitionSchema>;

/** The values a choice field accepts. */
export function optionValues(field: FormField): string[] {
  if (field.type === 'yesno') return ['yes', 'no'];
  if (field.type === 'select' || field.type === 'radios') return field.options.map((option) => option.value);
  return [];
}

/** A definition typed or pasted by an administrator, as JSON text: the definition, or each problem with where it is. */
export function parseFormDefinition(json: string): { ok: true; definition: FormDefinition } | { ok: false; problems: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    return { ok: false, problems: [`The form definition is not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = formDefinitionSchema.safeParse(value);
  if (parsed.success) return { ok: true, definition: parsed.data };
  return { ok: false, problems: parsed.error.issues.slice(0, 10).map((issue) => `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`) };
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
