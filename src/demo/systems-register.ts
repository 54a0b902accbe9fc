// The electoral register and two household services: garden waste and parking permits.
import type { HouseholdBundle, Resident } from './council.ts';
import { addressLines } from './addresses.ts';
import { formatDate, formatPhone, messyPostcode, noQuirks, titleFor, viewPerson, type Quirks } from './corruption.ts';
import { emitPeople, isAdult, leadOf, pickByAge, type SystemSpec } from './extract-spec.ts';
import { ageOn, daysAgo, daysFromIso, isoFromDays } from './dates.ts';
import { pad } from './identity.ts';
import type { Random } from './random.ts';

const electorQuirks: Quirks = { ...noQuirks, typo: 0.005 };
// Someone who moved and registered again without being taken off the old address.
const electorDuplicateQuirks: Quirks = { ...electorQuirks, stale: 1 };

/** Adults register at about 85%, less among young sharers; 16- and 17-year-olds register as attainers. */
function electors(bundle: HouseholdBundle, random: Random): Resident[] {
  const sharing = bundle.household?.kind === 'house_share';
  return pickByAge(bundle.residents, random, (age) => {
    if (age < 16) return 0;
    if (age < 18) return 0.6;
    if (sharing) return 0.7;
    return age >= 65 ? 0.93 : 0.86;
  });
}

export const electoralRegisterSpec: SystemSpec = {
  code: 'electoral_register',
  headers: ['PD', 'ENO', 'Title', 'Forename', 'Middle Names', 'Surname', 'DOB', 'Address 1', 'Address 2', 'Address 3', 'Postcode', 'UPRN'],
  dialect: { delimiter: ',', lineEnding: '\n' },
  mapping: {
    description: 'Register of electors, ALL CAPS; elector number is polling district and number ("KA-1234"); DOB for attainers only.',
    columns: {
      source_id: { join: ['PD', 'ENO'], separator: '-' }, title: 'Title', given_name: 'Forename', middle_name: 'Middle Names',
      family_name: 'Surname', dob: 'DOB', address_line1: 'Address 1', address_line2: 'Address 2', town: 'Address 3',
      postcode: 'Postcode', uprn: 'UPRN',
    },
    dateFormat: 'dmy',
    nameFormat: 'given_family',
  },
  idColumns: [0, 1],
  idSeparator: '-',
  postcodeColumn: 10,
  dateColumn: 6,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    const numbers = new Map<string, number>();
    return (bundle) => emitPeople(electors(bundle, random), context, (resident, duplicate) => {
      const view = viewPerson(resident, bundle.property, random, duplicate ? electorDuplicateQuirks : electorQuirks);
      const district = view.property.pollingDistrict;
      const number = (numbers.get(district) ?? 0) + 1;
      numbers.set(district, number);
      const { line1, line2 } = addressLines(view.property);
      return [
        district, String(number), titleFor(resident, random).toUpperCase(), view.givenName.toUpperCase(),
        (view.middleName ?? '').toUpperCase(), view.familyName.toUpperCase(), isAdult(resident) ? '' : formatDate(resident.dob, 'dmy'),
        line1.toUpperCase(), line2.toUpperCase(), view.property.town.toUpperCase(), view.property.postcode, view.property.uprn,
      ];
    });
  },
};

const wasteQuirks: Quirks = { ...noQuirks, typo: 0.02, nickname: 0.1, fold: 0.5 };

/** How the account holder's name was typed at sign-up: "John Smith", "J Smith" or "Mrs J Smith". */
function accountHolderName(resident: Resident, bundle: HouseholdBundle, random: Random): string {
  const view = viewPerson(resident, bundle.property, random, wasteQuirks);
  const roll = random.next();
  if (roll < 0.6) return `${view.givenName} ${view.familyName}`;
  if (roll < 0.85) return `${view.givenName.charAt(0)} ${view.familyName}`;
  return `${titleFor(resident, random)} ${view.givenName.charAt(0)} ${view.familyName}`;
}

/** Garden waste for houses that want it; an assisted collection for many older people. */
function wasteService(bundle: HouseholdBundle, random: Random): string | null {
  const lead = leadOf(bundle);
  if (!lead) return null;
  if (bundle.residents.some((resident) => ageOn(resident.dob) >= 75) && random.chance(0.3)) return 'Assisted Collection';
  return bundle.property.kind === 'house' && random.chance(0.35) ? 'Garden Waste' : null;
}

export const wasteSpec: SystemSpec = {
  code: 'waste',
  headers: ['Subscription ID', 'Service', 'Account Holder', 'House', 'Street', 'Locality', 'Postcode', 'UPRN', 'Contact Number'],
  dialect: { delimiter: ',', lineEnding: '\n' },
  mapping: {
    description: 'Garden waste and assisted collection subscriptions, one per household, in the account holder\'s name.',
    columns: {
      source_id: 'Subscription ID', full_name: 'Account Holder', address_line1: ['House', 'Street'], address_line2: 'Locality',
      postcode: 'Postcode', uprn: 'UPRN', phone: 'Contact Number',
    },
    nameFormat: 'given_family',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 6,
  dateColumn: null,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    let subscriptions = 0;
    return (bundle) => {
      const service = wasteService(bundle, random);
      const lead = leadOf(bundle);
      if (!service || !lead) return [];
      return emitPeople([lead], context, (resident) => {
        const property = bundle.property;
        const house = [property.subBuilding, property.buildingName ?? property.buildingNumber].filter((part) => part).join(', ');
        const phone = bundle.household?.landline ?? resident.phone;
        return [
          `${service === 'Garden Waste' ? 'GW' : 'AC'}-${pad(++subscriptions, 6)}`, service, accountHolderName(resident, bundle, random),
          house, property.street, property.locality, messyPostcode(property.postcode, random, { noSpace: 0.1, lowerCase: 0.05 }),
          property.uprn, phone && random.chance(0.9) ? formatPhone(phone, random.chance(0.5) ? 'spaced' : 'compact') : '',
        ];
      });
    };
  },
};

const parkingQuirks: Quirks = { ...noQuirks, typo: 0.02, nickname: 0.05, stale: 0.1, suffix: 0.5 };
const plateLetters = 'ABCDEFGHJKLMNOPRSTUVWXYZ'.split('');

/** A current-style number plate: two letters, an age identifier, three letters ("AB21 CDE"). */
function numberPlate(random: Random): string {
  const age = random.chance(0.5) ? random.int(51, 74) : random.int(1, 25);
  const letters = (count: number): string => Array.from({ length: count }, () => random.pick(plateLetters)).join('');
  return `${letters(2)}${pad(age, 2)} ${letters(3)}`;
}

export const parkingPermitsSpec: SystemSpec = {
  code: 'parking_permits',
  headers: ['Permit No', 'Zone', 'Full Name', 'Email', 'Address', 'Postcode', 'VRM', 'Valid From', 'Valid To'],
  dialect: { delimiter: ',', lineEnding: '\n' },
  mapping: {
    description: 'Resident parking permits, one per vehicle-owning adult; full name with title ("Mr John Smith").',
    columns: { source_id: 'Permit No', full_name: 'Full Name', email: 'Email', address_line1: 'Address', postcode: 'Postcode' },
    nameFormat: 'given_family',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 5,
  dateColumn: null,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    let permits = 0;
    return (bundle) => {
      const drivers = pickByAge(bundle.residents, random, (age) => (age >= 18 && age <= 85 ? 0.13 : 0));
      return emitPeople(drivers, context, (resident) => {
        const view = viewPerson(resident, bundle.property, random, parkingQuirks);
        const name = [random.chance(0.9) ? titleFor(resident, random) : null, view.givenName, view.familyName, view.suffix];
        const from = daysAgo(random, 0, 365);
        return [
          `RP${pad(++permits, 6)}`, view.property.postcode.split(' ')[0] ?? '', name.filter((part) => part).join(' '),
          resident.email && random.chance(0.8) ? resident.email : '', addressLines(view.property).line1,
          messyPostcode(view.property.postcode, random, { noSpace: 0.05, lowerCase: 0.02 }), numberPlate(random),
          formatDate(from, 'dmy'), formatDate(isoFromDays(daysFromIso(from) + 364), 'dmy'),
        ];
      });
    };
  },
};
