// What a parser makes of one value from an extract: null when the source said nothing, or a reason a
// council clerk can act on when the value cannot be read.
export type Parsed<T> = { ok: true; value: T | null } | { ok: false; reason: string };

/** Shared, frozen: most columns in most rows are blank, so this saves an allocation per blank value. */
export const empty: { readonly ok: true; readonly value: null } = Object.freeze({ ok: true, value: null });

export function accept<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

const longestShown = 60;

/** `date of birth "31/02/1980" is not a real date`: names the value, shows what was sent, says what is wrong. */
export function refuse<T>(label: string, text: string, problem: string): Parsed<T> {
  const shown = text.length > longestShown ? `${text.slice(0, longestShown)}…` : text;
  return { ok: false, reason: `${label} "${shown}" ${problem}` };
}
