import { inputId, type FieldError } from '../../catalogue/answers.ts';
import type { FormDefinition, FormField } from '../../catalogue/form-definition.ts';

// A service's form as the page shows it: each question with its value and error, and the questions that depend on a
// radios or yes/no answer nested under that answer (GOV.UK conditional reveal; without JavaScript they all show). A
// question shown for more than one answer, or under a select, follows its parent with a hint saying when to answer it.

export type FieldView = {
  field: FormField;
  id: string;
  /** The input's name: the field's, after the prefix that keeps several services' forms apart on one page. */
  name: string;
  value: string;
  parts: Record<string, string>;
  error?: string;
  options: Array<{ value: string; text: string }>;
  reveals: Record<string, FieldView[]>;
  after: FieldView[];
  hint?: string;
};

export function formView(definition: FormDefinition, raw: Record<string, unknown>, errors: readonly FieldError[] = [], prefix = ''): FieldView[] {
  const text = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string) : '');
  const messageFor = new Map(errors.map((error) => [error.field, error.text]));
  const byName = new Map<string, FieldView>();
  const top: FieldView[] = [];
  for (const field of definition.fields) {
    const view: FieldView = {
      field, id: `answer-${prefix}${field.name}`, name: `${prefix}${field.name}`, value: text(field.name),
      parts: Object.fromEntries(['day', 'month', 'year', 'uprn', 'line1', 'postcode'].map((part) => [part, text(`${field.name}-${part}`)])),
      ...(messageFor.has(field.name) ? { error: messageFor.get(field.name) } : {}),
      options: field.type === 'yesno' ? [{ value: 'yes', text: 'Yes' }, { value: 'no', text: 'No' }] : field.type === 'select' || field.type === 'radios' ? field.options : [],
      reveals: {}, after: [], ...(field.hint ? { hint: field.hint } : {}),
    };
    byName.set(field.name, view);
    const parent = field.showWhen ? byName.get(field.showWhen.field) : undefined;
    if (!parent || !field.showWhen) {
      top.push(view);
      continue;
    }
    const [only, ...others] = field.showWhen.equals;
    if (only !== undefined && others.length === 0 && parent.field.type !== 'select') {
      (parent.reveals[only] ??= []).push(view);
    } else {
      const answers = field.showWhen.equals.map((value) => `‘${parent.options.find((option) => option.value === value)?.text ?? value}’`).join(' or ');
      view.hint = `Only if the answer to ‘${parent.field.label}’ is ${answers}.${field.hint ? ` ${field.hint}` : ''}`;
      parent.after.push(view);
    }
  }
  return top;
}

export { inputId };
