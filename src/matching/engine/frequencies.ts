import type { Dictionary } from './dictionary.ts';
import { field } from './fields.ts';
import { countIds, type PreparedRecords, type PreparedText } from './prepare.ts';

// How common each value is, for term-frequency adjustment: agreeing on a rare family name is stronger
// evidence than agreeing on Smith. A model keeps the most common values of each field with their counts;
// rarer values are taken to have the tail's average count.

export type FrequencyTable = {
  /** Records with a value. */
  total: number;
  distinct: number;
  /** The chance two records with values, picked at random, share one: Σ c(c-1) / (n(n-1)). */
  agreement: number;
  /** Σ (c/n)², the average frequency of a record's value: an exact match on a value of frequency f is worth log2(Σ/f) more or less than one on a typical value. */
  squaredFrequency: number;
  /** Average count of the values not listed. */
  tailCount: number;
  /** The most common values with their counts, commonest first. */
  top: Array<[string, number]>;
};

export const frequencyFields = ['given', 'family', 'middle', 'dob', 'address', 'postcode', 'town', 'phone', 'email'] as const;
export type FrequencyField = (typeof frequencyFields)[number];
export type FrequencyTables = Record<FrequencyField, FrequencyTable>;

const kept = 10_000;

/** The column holding a frequency field's value ids, and the dictionary they index. */
export function frequencySource(name: FrequencyField, r: PreparedRecords, text: PreparedText): { column: Int32Array; dictionary: Dictionary } {
  switch (name) {
    case 'given': return { column: r.given, dictionary: text.names };
    case 'family': return { column: r.family, dictionary: text.names };
    case 'middle': return { column: r.middle, dictionary: text.names };
    case 'dob': return { column: r.dobId, dictionary: text.dobs };
    case 'address': return { column: r.address, dictionary: text.addresses };
    case 'postcode': return { column: r.postcode, dictionary: text.postcodes };
    case 'town': return { column: r.town, dictionary: text.towns };
    case 'phone': return { column: r.phone, dictionary: text.phones };
    case 'email': return { column: r.email, dictionary: text.emails };
  }
}

/** The comparison field whose weight a frequency field adjusts. */
export const adjustedField: Readonly<Record<FrequencyField, number>> = {
  given: field.given, family: field.household, middle: field.middle, dob: field.dob, address: field.household,
  postcode: field.household, town: field.town, phone: field.household, email: field.email,
};

function tableOf(counts: Float64Array, dictionary: Dictionary): FrequencyTable {
  let total = 0;
  let agreeing = 0;
  let squares = 0;
  const present: number[] = [];
  counts.forEach((count, id) => {
    if (count <= 0) return;
    total += count;
    agreeing += count * (count - 1);
    squares += count * count;
    present.push(id);
  });
  present.sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0));
  const top = present.slice(0, kept).map((id): [string, number] => [dictionary.text(id), counts[id] ?? 0]);
  const listed = top.reduce((sum, [, count]) => sum + count, 0);
  const tailValues = present.length - top.length;
  return {
    total, distinct: present.length, agreement: total > 1 ? agreeing / (total * (total - 1)) : 0,
    squaredFrequency: total > 0 ? squares / (total * total) : 0,
    tailCount: tailValues > 0 ? (total - listed) / tailValues : 1, top,
  };
}

/** Frequency tables of the prepared records. */
export function buildFrequencyTables(r: PreparedRecords, text: PreparedText): FrequencyTables {
  const tables: Partial<FrequencyTables> = {};
  for (const name of frequencyFields) {
    const { column, dictionary } = frequencySource(name, r, text);
    tables[name] = tableOf(countIds(column, dictionary.size), dictionary);
  }
  return tables as FrequencyTables;
}

/** The count a table gives each id of a dictionary: listed values their own, others the tail's average. */
export function countsFromTable(table: FrequencyTable, dictionary: Dictionary): Float64Array {
  const listed = new Map(table.top);
  const counts = new Float64Array(dictionary.size);
  for (let id = 0; id < dictionary.size; id++) counts[id] = listed.get(dictionary.text(id)) ?? table.tailCount;
  return counts;
}

/**
 * Term-frequency adjustment for an exact match on each id: log2(Σf² / f). Two people share a value of
 * frequency f with chance f², while one person's records share it with chance f; against the field's
 * average this makes a rare value stronger evidence and a common one weaker.
 */
export function frequencyAdjustments(table: FrequencyTable, dictionary: Dictionary): Float32Array {
  const counts = countsFromTable(table, dictionary);
  const adjustments = new Float32Array(dictionary.size);
  if (table.total <= 1 || table.squaredFrequency <= 0) return adjustments;
  for (let id = 0; id < dictionary.size; id++) {
    const frequency = Math.max(counts[id] ?? 1, 1) / table.total;
    adjustments[id] = Math.log2(table.squaredFrequency / frequency);
  }
  return adjustments;
}
