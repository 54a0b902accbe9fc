import { doubleMetaphone } from 'double-metaphone';
import type { StandardFields } from '../../sources/source-record.ts';
import { Dictionary, float64Column, int32Column, uint8Column, type TextPool } from './dictionary.ts';
import { findNamesakes } from './namesakes.ts';
import { nameGroupCount, nameGroupsOf } from './nicknames.ts';
import { foldAddress, foldEmailLocal, foldName, foldWords } from './text.ts';

/** One record to link: where it came from and what it says. */
export type LinkInput = { sourceSystem: string; sourceId: string; fields: StandardFields };

/** Nickname groups kept per name; a name in more groups keeps its first three. */
export const groupsPerName = 3;

/**
 * Everything the comparisons need, computed once per record and held column by column: each column is
 * a typed array indexed by record, holding ids into a dictionary (-1 for no value). With `shared`, the
 * arrays live in shared memory and worker threads read them without copying.
 */
export type PreparedRecords = {
  count: number;
  system: Int32Array;
  given: Int32Array;
  middle: Int32Array;
  family: Int32Array;
  familyFirst: Int32Array;
  familyLast: Int32Array;
  suffix: Uint8Array;
  /** yyyymmdd as a number, -1 when unknown. */
  dob: Int32Array;
  /** The date of birth as a dictionary id, for its frequency. */
  dobId: Int32Array;
  dobDays: Int32Array;
  /** 0 unknown, 1 female, 2 male, 3 other. */
  sex: Uint8Array;
  postcode: Int32Array;
  sector: Int32Array;
  district: Int32Array;
  area: Int32Array;
  address: Int32Array;
  addressNumbers: Int32Array;
  street: Int32Array;
  uprn: Int32Array;
  town: Int32Array;
  phone: Int32Array;
  email: Int32Array;
  emailLocal: Int32Array;
  ni: Int32Array;
  niStem: Int32Array;
  /** Namesakes known at a place (namesakes.ts): each record's group hash and keys, and whether two people are known in it. */
  namesakeGroup: Int32Array;
  /** Per phone id: 1 for a mobile number. */
  isMobile: Uint8Array;
  namesakeGiven: Int32Array;
  namesakePlace: Int32Array;
  namesakeKnown: Uint8Array;
  names: TextPool;
  /** groupsPerName nickname-group ids per name, -1 filled. */
  nameGroups: Int32Array;
  /** Primary and alternate double-metaphone code ids per name. */
  namePhonetic: Int32Array;
  /** How often each name is a given name, and a family name, in the population the model knows. */
  givenCount: Float64Array;
  familyCount: Float64Array;
  addresses: TextPool;
  towns: TextPool;
  phones: TextPool;
  emails: TextPool;
  nis: TextPool;
};

/** The dictionaries behind the ids: kept in the main thread for explanations and frequency tables. */
export type PreparedText = {
  systems: Dictionary; names: Dictionary; dobs: Dictionary; postcodes: Dictionary; addresses: Dictionary; uprns: Dictionary;
  towns: Dictionary; phones: Dictionary; emails: Dictionary; nis: Dictionary; phonetic: Dictionary;
};

export type Prepared = { records: PreparedRecords; text: PreparedText };

type Columns = Omit<PreparedRecords, 'names' | 'nameGroups' | 'namePhonetic' | 'givenCount' | 'familyCount' | 'addresses' | 'towns' | 'phones' | 'emails' | 'nis'
  | 'namesakeGroup' | 'namesakeGiven' | 'namesakePlace' | 'namesakeKnown' | 'isMobile'>;

function newColumns(count: number, shared: boolean): Columns {
  const ids = () => int32Column(count, shared);
  return {
    count, system: ids(), given: ids(), middle: ids(), family: ids(), familyFirst: ids(), familyLast: ids(),
    suffix: uint8Column(count, shared), dob: ids(), dobId: ids(), dobDays: ids(), sex: uint8Column(count, shared),
    postcode: ids(), sector: ids(), district: ids(), area: ids(), address: ids(), addressNumbers: ids(), street: ids(),
    uprn: ids(), town: ids(), phone: ids(), email: ids(), emailLocal: ids(), ni: ids(), niStem: ids(),
  };
}

function newText(): PreparedText {
  return {
    systems: new Dictionary(), names: new Dictionary(), dobs: new Dictionary(), postcodes: new Dictionary(), addresses: new Dictionary(),
    uprns: new Dictionary(), towns: new Dictionary(), phones: new Dictionary(), emails: new Dictionary(),
    nis: new Dictionary(), phonetic: new Dictionary(),
  };
}

const sexCodes: Readonly<Record<string, number>> = { female: 1, male: 2, other: 3 };

/** Values repeat across a person's and a household's records: each raw value is folded once. */
type Caches = { names: Map<string, Int32Array>; places: Map<string, Int32Array>; addresses: Map<string, Int32Array>; towns: Map<string, number> };
const dayMs = 86_400_000;

/** Prepares records for comparing. `shared` puts the columns in memory that worker threads can share. */
export function prepareRecords(records: ReadonlyArray<LinkInput>, options: { shared?: boolean } = {}): Prepared {
  const shared = options.shared ?? false;
  const columns = newColumns(records.length, shared);
  const text = newText();
  const caches: Caches = { names: new Map(), places: new Map(), addresses: new Map(), towns: new Map() };
  records.forEach((record, index) => {
    columns.system[index] = text.systems.id(record.sourceSystem);
    prepareName(columns, text, index, record.fields, caches);
    prepareDate(columns, index, record.fields.dob);
    columns.dobId[index] = text.dobs.id(columns.dob[index] === -1 ? '' : record.fields.dob ?? '');
    columns.sex[index] = record.fields.sex === null ? 0 : sexCodes[record.fields.sex] ?? 0;
    preparePlace(columns, text, index, record.fields, caches);
    prepareContact(columns, text, index, record.fields);
  });
  return { records: finish(columns, text, shared), text };
}

function prepareName(columns: Columns, text: PreparedText, index: number, fields: StandardFields, caches: Caches): void {
  const key = `${fields.givenName ?? ''}\u0001${fields.middleName ?? ''}\u0001${fields.familyName ?? ''}\u0001${fields.fullName ?? ''}`;
  let ids = caches.names.get(key);
  if (ids === undefined) {
    ids = foldNameIds(text, fields);
    caches.names.set(key, ids);
  }
  columns.given[index] = ids[0] ?? -1;
  columns.middle[index] = ids[1] ?? -1;
  columns.family[index] = ids[2] ?? -1;
  columns.familyFirst[index] = ids[3] ?? -1;
  columns.familyLast[index] = ids[4] ?? -1;
  columns.suffix[index] = ids[5] ?? 0;
}

function foldNameIds(text: PreparedText, fields: StandardFields): Int32Array {
  let given = fields.givenName;
  let family = fields.familyName;
  if (given === null && family === null && fields.fullName !== null) {
    const words = fields.fullName.split(' ');
    family = words.pop() ?? null;
    given = words.join(' ') || null;
  }
  const name = foldName(given, fields.middleName, family);
  return Int32Array.of(
    text.names.id(name.given), text.names.id(name.middle), text.names.id(name.family.join('')),
    text.names.id(name.family[0] ?? ''), text.names.id(name.family[name.family.length - 1] ?? ''), name.suffix,
  );
}

function prepareDate(columns: Columns, index: number, dob: string | null): void {
  if (dob === null || dob.length !== 10) return;
  const year = Number(dob.slice(0, 4));
  const month = Number(dob.slice(5, 7));
  const day = Number(dob.slice(8, 10));
  if (!(year > 0 && month > 0 && day > 0)) return;
  columns.dob[index] = year * 10000 + month * 100 + day;
  columns.dobDays[index] = Math.round(Date.UTC(year, month - 1, day) / dayMs);
}

function preparePlace(columns: Columns, text: PreparedText, index: number, fields: StandardFields, caches: Caches): void {
  const postcode = fields.postcode;
  if (postcode !== null) {
    let ids = caches.places.get(postcode);
    if (ids === undefined) {
      const [outward = '', inward = ''] = postcode.split(' ');
      ids = Int32Array.of(
        text.postcodes.id(postcode), inward === '' ? -1 : text.postcodes.id(`${outward} ${inward.charAt(0)}`), text.postcodes.id(outward),
        text.postcodes.id(/^[A-Z]+/.exec(outward)?.[0] ?? ''),
      );
      caches.places.set(postcode, ids);
    }
    columns.postcode[index] = ids[0] ?? -1;
    columns.sector[index] = ids[1] ?? -1;
    columns.district[index] = ids[2] ?? -1;
    columns.area[index] = ids[3] ?? -1;
  }
  const line = fields.addressLine1;
  if (line !== null) {
    let ids = caches.addresses.get(line);
    if (ids === undefined) {
      const address = foldAddress(line);
      ids = address === null ? Int32Array.of(-1, -1, -1)
        : Int32Array.of(text.addresses.id(address.line), text.addresses.id(address.numbers), text.addresses.id(address.street));
      caches.addresses.set(line, ids);
    }
    columns.address[index] = ids[0] ?? -1;
    columns.addressNumbers[index] = ids[1] ?? -1;
    columns.street[index] = ids[2] ?? -1;
  }
  columns.uprn[index] = text.uprns.id(fields.uprn ?? '');
  const town = fields.town ?? '';
  let townId = caches.towns.get(town);
  if (townId === undefined) {
    townId = text.towns.id(foldWords(town).join(' '));
    caches.towns.set(town, townId);
  }
  columns.town[index] = townId;
}

function prepareContact(columns: Columns, text: PreparedText, index: number, fields: StandardFields): void {
  columns.phone[index] = text.phones.id(fields.phone ?? '');
  if (fields.email !== null) {
    columns.email[index] = text.emails.id(fields.email.toLowerCase());
    columns.emailLocal[index] = text.emails.id(foldEmailLocal(fields.email));
  }
  if (fields.niNumber !== null) {
    columns.ni[index] = text.nis.id(fields.niNumber);
    columns.niStem[index] = text.nis.id(fields.niNumber.slice(0, 8));
  }
}

function finish(columns: Columns, text: PreparedText, shared: boolean): PreparedRecords {
  const names = text.names;
  const nameGroups = int32Column(names.size * groupsPerName, shared);
  const namePhonetic = int32Column(names.size * 2, shared);
  const nameCanonical = new Int32Array(names.size);
  for (let id = 0; id < names.size; id++) {
    const name = names.text(id);
    nameGroupsOf(name).slice(0, groupsPerName).forEach((group, slot) => { nameGroups[id * groupsPerName + slot] = group; });
    const group = nameGroups[id * groupsPerName] ?? -1;
    nameCanonical[id] = group >= 0 ? group : nameGroupCount + id;
    if (name.length > 1) {
      const [primary, alternate] = doubleMetaphone(name);
      namePhonetic[id * 2] = text.phonetic.id(primary);
      namePhonetic[id * 2 + 1] = text.phonetic.id(alternate);
    }
  }
  const namesakes = {
    namesakeGroup: int32Column(columns.count, shared), namesakeGiven: int32Column(columns.count, shared),
    namesakePlace: int32Column(columns.count, shared), namesakeKnown: uint8Column(columns.count, shared),
  };
  const isMobile = uint8Column(text.phones.size, shared);
  text.phones.texts.forEach((phone, id) => { isMobile[id] = phone.startsWith('+447') ? 1 : 0; });
  findNamesakes({ ...columns, nameCanonical, isMobile }, namesakes);
  return {
    ...columns, ...namesakes, isMobile, names: names.pack(shared), nameGroups, namePhonetic,
    givenCount: countIds(columns.given, names.size, shared), familyCount: countIds(columns.family, names.size, shared),
    addresses: text.addresses.pack(shared), towns: text.towns.pack(shared), phones: text.phones.pack(shared),
    emails: text.emails.pack(shared), nis: text.nis.pack(shared),
  };
}

/** How many records hold each id in a column. */
export function countIds(column: Int32Array, size: number, shared = false): Float64Array {
  const counts = float64Column(size, shared);
  for (let index = 0; index < column.length; index++) {
    const id = column[index] ?? -1;
    if (id >= 0) counts[id] = (counts[id] ?? 0) + 1;
  }
  return counts;
}
