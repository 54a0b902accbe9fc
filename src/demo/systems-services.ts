// People's services: libraries and leisure (self-service sign-ups, least trusted) and adult social care.
import { addressLines } from './addresses.ts';
import { formatDate, formatPhone, messyPostcode, noQuirks, swapDayMonth, viewPerson, type PhoneStyle, type Quirks } from './corruption.ts';
import { emitPeople, leadOf, pickByAge, type SystemSpec } from './extract-spec.ts';
import { ageOn } from './dates.ts';
import { IdentityIssuer, pad } from './identity.ts';
import { WeightedPicker, type Random } from './random.ts';

// Library records are rarely updated: nicknames at the counter, maiden names, addresses from before a move.
const libraryQuirks: Quirks = { ...noQuirks, typo: 0.01, nickname: 0.25, maiden: 0.6, stale: 0.6, fold: 0.5 };

function libraryRate(age: number): number {
  if (age < 5) return 0.15;
  if (age < 16) return 0.45;
  return age >= 65 ? 0.32 : 0.27;
}

export const librariesSpec: SystemSpec = {
  code: 'libraries',
  headers: ['borrower_id', 'first_name', 'last_name', 'date_of_birth', 'email', 'address1', 'address2', 'postcode', 'phone'],
  dialect: { delimiter: ',', lineEnding: '\n' },
  mapping: {
    description: 'Library borrowers, children included; dates ISO; details as given when the card was issued.',
    columns: {
      source_id: 'borrower_id', given_name: 'first_name', family_name: 'last_name', dob: 'date_of_birth', email: 'email',
      address_line1: 'address1', address_line2: 'address2', postcode: 'postcode', phone: 'phone',
    },
    dateFormat: 'iso',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 7,
  dateColumn: 3,
  dateStyle: 'iso',
  createRowMaker(context) {
    const { random } = context;
    let borrowers = 0;
    return (bundle) => emitPeople(pickByAge(bundle.residents, random, libraryRate), context, (resident) => {
      const view = viewPerson(resident, bundle.property, random, libraryQuirks);
      const { line1, line2 } = addressLines(view.property);
      const child = ageOn(resident.dob) < 16;
      // Children's cards carry a parent's phone.
      const phone = child ? (random.chance(0.5) ? leadOf(bundle)?.phone : null) : (random.chance(0.6) ? resident.phone : null);
      return [
        `LIB${pad(++borrowers, 7)}`, view.givenName, view.familyName, random.chance(0.9) ? resident.dob : '',
        resident.email && random.chance(0.8) ? resident.email : '', line1, line2,
        messyPostcode(view.property.postcode, random, { noSpace: 0.1, lowerCase: 0.03 }), phone ?? '',
      ];
    });
  },
};

// Leisure memberships are typed in at reception in a hurry.
const leisureQuirks: Quirks = { ...noQuirks, typo: 0.06, nickname: 0.15, maiden: 0.3, stale: 0.3, fold: 0.4, suffix: 0.5 };
const phoneStyles = new WeightedPicker<PhoneStyle>([
  ['spaced', 30], ['compact', 30], ['international', 10], ['e164', 8], ['brackets', 6], ['dashes', 6], ['lostZero', 10],
]);

function leisureRate(age: number): number {
  if (age < 5) return 0;
  if (age < 16) return 0.2;
  if (age < 60) return 0.27;
  return age < 75 ? 0.12 : 0.03;
}

function hurriedName(name: string, random: Random): string {
  const roll = random.next();
  const cased = roll < 0.08 ? name.toUpperCase() : roll < 0.14 ? name.toLowerCase() : name;
  return random.chance(0.03) ? `${cased} ` : cased;
}

function leisureDob(dob: string, random: Random): string {
  if (random.chance(0.08)) return '';
  return formatDate(random.chance(0.04) ? swapDayMonth(dob) : dob, 'dmy');
}

export const leisureSpec: SystemSpec = {
  code: 'leisure',
  headers: ['MemberNo', 'Forename', 'Surname', 'DOB', 'Gender', 'Mobile', 'Email', 'Address', 'Postcode'],
  dialect: { delimiter: ',', lineEnding: '\n' },
  mapping: {
    description: 'Leisure centre members; names and phone numbers as typed at reception.',
    columns: {
      source_id: 'MemberNo', given_name: 'Forename', family_name: 'Surname', dob: 'DOB', sex: 'Gender', phone: 'Mobile',
      email: 'Email', address_line1: 'Address', postcode: 'Postcode',
    },
    dateFormat: 'dmy',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 8,
  dateColumn: 3,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    let members = 0;
    return (bundle) => emitPeople(pickByAge(bundle.residents, random, leisureRate), context, (resident) => {
      const view = viewPerson(resident, bundle.property, random, leisureQuirks);
      const phone = resident.phone ?? bundle.household?.landline ?? null;
      const gender = random.chance(0.15) ? '' : resident.sex === 'female' ? 'F' : 'M';
      return [
        `M${100000 + ++members}`, hurriedName(view.givenName, random),
        hurriedName(view.suffix ? `${view.familyName} ${view.suffix}` : view.familyName, random), leisureDob(resident.dob, random),
        gender, phone && random.chance(0.85) ? formatPhone(phone, phoneStyles.pick(random)) : '',
        resident.email && random.chance(0.7) ? resident.email : '', addressLines(view.property).line1,
        messyPostcode(view.property.postcode, random, { noSpace: 0.2, lowerCase: 0.1 }),
      ];
    });
  },
};

const careQuirks: Quirks = { ...noQuirks, typo: 0.01, maiden: 0.2, stale: 0.1, fold: 0.2 };

function careRate(age: number): number {
  if (age < 18) return 0;
  if (age < 65) return 0.012;
  return age < 75 ? 0.06 : 0.22;
}

export const adultSocialCareSpec: SystemSpec = {
  code: 'adult_social_care',
  headers: ['Care ID', 'Forename', 'Middle Name', 'Surname', 'Date of Birth', 'Gender', 'NI Number', 'Address Line 1',
    'Address Line 2', 'Town', 'Postcode', 'UPRN', 'Phone'],
  dialect: { delimiter: '|', lineEnding: '\n' },
  mapping: {
    description: 'Adult social care clients, keyed by NHS-style care ID; pipe-delimited. Sensitive: access to be restricted.',
    delimiter: '|',
    columns: {
      source_id: 'Care ID', given_name: 'Forename', middle_name: 'Middle Name', family_name: 'Surname', dob: 'Date of Birth',
      sex: 'Gender', ni_number: 'NI Number', address_line1: 'Address Line 1', address_line2: 'Address Line 2', town: 'Town',
      postcode: 'Postcode', uprn: 'UPRN', phone: 'Phone',
    },
    dateFormat: 'dmy',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 10,
  dateColumn: 4,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    const careNumbers = new IdentityIssuer(random);
    return (bundle) => emitPeople(pickByAge(bundle.residents, random, careRate), context, (resident) => {
      const view = viewPerson(resident, bundle.property, random, careQuirks);
      const { line1, line2 } = addressLines(view.property);
      const phone = bundle.household?.landline ?? resident.phone;
      return [
        careNumbers.nextCareNumber(), view.givenName, view.middleName ?? '', view.familyName, formatDate(resident.dob, 'dmy'),
        resident.sex === 'female' ? 'Female' : 'Male', resident.niNumber && random.chance(0.9) ? resident.niNumber : '',
        line1, line2, view.property.town, view.property.postcode, random.chance(0.8) ? view.property.uprn : '',
        phone ? formatPhone(phone, 'spaced') : '',
      ];
    });
  },
};
