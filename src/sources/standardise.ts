import type { CanonicalRow, ParseOptions, StandardFields, StandardiseResult } from './source-record.ts';
import { tidyAddressLine } from './parse-address.ts';
import { parseDate } from './parse-date.ts';
import { parseEmail } from './parse-email.ts';
import { parseName } from './parse-name.ts';
import { parseNiNumber } from './parse-ni.ts';
import { parsePhone } from './parse-phone.ts';
import { parsePostcode } from './parse-postcode.ts';
import { parseSex } from './parse-sex.ts';
import { parseUprn } from './parse-uprn.ts';
import { empty, type Parsed } from './parse-result.ts';

/** Collects what could not be read when a row is standardised leniently. */
export type LenientReading = { unreadable: string[] };

/**
 * Turns one mapped extract row into OneStop's standard fields. The first value that cannot be read
 * gives the reason, and the importer rejects the row with it; blank values become null. With `lenient`
 * (linking a file, where one bad value should not lose the row), a value that cannot be read becomes null
 * too and its reason is added to `lenient.unreadable`.
 */
export function standardiseRow(row: CanonicalRow, options: ParseOptions, today: Date = new Date(), lenient?: LenientReading): StandardiseResult {
  const read = <T>(parsed: Parsed<T>): Parsed<T> => {
    if (parsed.ok || lenient === undefined) return parsed;
    lenient.unreadable.push(parsed.reason);
    return empty;
  };
  const name = read(parseName(
    { title: row.title, given: row.given_name, middle: row.middle_name, family: row.family_name, full: row.full_name },
    options.nameFormat,
  ));
  if (!name.ok) return name;
  const dob = read(parseDate(row.dob ?? '', options.dateFormat, 'date of birth', today, options.earliestYear));
  if (!dob.ok) return dob;
  const sex = read(parseSex(row.sex ?? ''));
  if (!sex.ok) return sex;
  const postcode = read(parsePostcode(row.postcode ?? ''));
  if (!postcode.ok) return postcode;
  const uprn = read(parseUprn(row.uprn ?? ''));
  if (!uprn.ok) return uprn;
  const addressFrom = read(parseDate(row.address_from ?? '', options.dateFormat, 'date moved in', today));
  if (!addressFrom.ok) return addressFrom;
  const addressTo = read(parseDate(row.address_to ?? '', options.dateFormat, 'date moved out', today));
  if (!addressTo.ok) return addressTo;
  const phone = read(parsePhone(row.phone ?? ''));
  if (!phone.ok) return phone;
  const email = read(parseEmail(row.email ?? ''));
  if (!email.ok) return email;
  const niNumber = read(parseNiNumber(row.ni_number ?? ''));
  if (!niNumber.ok) return niNumber;
  const person = name.value;
  const fields: StandardFields = {
    title: person?.title ?? null, givenName: person?.givenName ?? null, middleName: person?.middleName ?? null,
    familyName: person?.familyName ?? null, fullName: person?.fullName ?? null,
    dob: dob.value, sex: sex.value,
    addressLine1: tidyAddressLine(row.address_line1 ?? ''), addressLine2: tidyAddressLine(row.address_line2 ?? ''),
    town: tidyAddressLine(row.town ?? ''), postcode: postcode.value, uprn: uprn.value,
    addressFrom: addressFrom.value, addressTo: addressTo.value,
    phone: phone.value, email: email.value, niNumber: niNumber.value,
  };
  return { ok: true, fields };
}

/** True when the record names someone; the importer rejects other rows with "the row has no name". */
export function hasIdentity(fields: Pick<StandardFields, 'familyName' | 'fullName'>): boolean {
  return fields.familyName !== null || fields.fullName !== null;
}
