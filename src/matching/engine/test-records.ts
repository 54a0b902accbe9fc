import type { StandardFields } from '../../sources/source-record.ts';
import type { LinkInput } from './prepare.ts';

// Building records for tests: every field empty unless given.
const empty: StandardFields = {
  title: null, givenName: null, middleName: null, familyName: null, fullName: null, dob: null, sex: null, addressLine1: null,
  addressLine2: null, town: null, postcode: null, uprn: null, addressFrom: null, addressTo: null, phone: null, email: null, niNumber: null,
};

export function person(fields: Partial<StandardFields>, sourceSystem = 'test', sourceId = ''): LinkInput {
  return { sourceSystem, sourceId: sourceId || `${fields.givenName ?? ''}-${fields.familyName ?? ''}-${Math.random()}`, fields: { ...empty, ...fields } };
}
