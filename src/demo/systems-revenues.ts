// Council Tax and Housing Benefit: the revenues and benefits systems, property-based and well kept.
import type { HouseholdBundle, HouseholdKind, Resident } from './council.ts';
import { addressLines } from './addresses.ts';
import { formatDate, formatPhone, messyPostcode, noQuirks, viewPerson, type Quirks } from './corruption.ts';
import { emitPeople, leadOf, type SystemSpec } from './extract-spec.ts';
import { pad } from './identity.ts';
import type { Random } from './random.ts';

const councilTaxQuirks: Quirks = { ...noQuirks, typo: 0.015, maiden: 0.1, fold: 0.3 };
// A second account is most often the old one at the previous address, never closed.
const councilTaxDuplicateQuirks: Quirks = { ...councilTaxQuirks, stale: 1 };

/** Joint liability for couples (most of the time) and for sharers on a joint tenancy. */
function liableParties(bundle: HouseholdBundle, random: Random): Resident[] {
  const [lead, partner] = bundle.residents;
  if (!lead || !bundle.household) return [];
  switch (bundle.household.kind) {
    case 'couple': case 'family': case 'adult_children':
      return partner && random.chance(0.8) ? [lead, partner] : [lead];
    case 'house_share':
      return random.chance(0.6) ? bundle.residents : [lead];
    default:
      return [lead];
  }
}

export const councilTaxSpec: SystemSpec = {
  code: 'council_tax',
  headers: ['Account Ref', 'Liable Party', 'Date of Birth', 'Property Ref', 'Address 1', 'Address 2', 'Address 3', 'Post Code',
    'Liability Start', 'Telephone'],
  dialect: { delimiter: ',', lineEnding: '\r\n' },
  mapping: {
    description: 'Council Tax liable parties, one row per party per account; names as "SMITH, John".',
    columns: {
      source_id: 'Account Ref', full_name: 'Liable Party', dob: 'Date of Birth', uprn: 'Property Ref', address_line1: 'Address 1',
      address_line2: 'Address 2', town: 'Address 3', postcode: 'Post Code', address_from: 'Liability Start', phone: 'Telephone',
    },
    dateFormat: 'dmy',
    nameFormat: 'family_comma_given',
  },
  idColumns: [0],
  idSeparator: '',
  postcodeColumn: 7,
  dateColumn: 2,
  dateStyle: 'dmy',
  createRowMaker(context) {
    const { random } = context;
    let accounts = 0;
    return (bundle) => {
      const account = `6${pad(++accounts, 7)}`;
      let party = 0;
      return emitPeople(liableParties(bundle, random), context, (resident, duplicate) => {
        const view = viewPerson(resident, bundle.property, random, duplicate ? councilTaxDuplicateQuirks : councilTaxQuirks);
        const id = duplicate && view.property !== bundle.property ? `6${pad(++accounts, 7)}/1` : `${account}/${++party}`;
        const { line1, line2 } = addressLines(view.property);
        const given = [view.givenName, random.chance(0.4) ? view.middleName : null].filter((name) => name).join(' ');
        const phone = bundle.household?.landline ?? (random.chance(0.4) ? resident.phone : null);
        return [
          id, `${view.familyName.toUpperCase()}, ${given}`, random.chance(0.35) ? formatDate(resident.dob, 'dmy') : '',
          view.property.uprn, line1, line2, view.property.town, view.property.postcode, formatDate(view.addressFrom, 'dmy'),
          phone ?? '',
        ];
      });
    };
  },
};

const benefitQuirks: Quirks = { ...noQuirks, typo: 0.01, stale: 0.05, maiden: 0.15 };

// Chance that a household of each kind claims; sharers claim one by one.
const claimRates: Record<HouseholdKind, number> = {
  single: 0.2, older_alone: 0.3, couple: 0.1, family: 0.14, single_parent: 0.45, adult_children: 0.1, house_share: 0.1,
};

/** Each claim lists the claimant and, for couples, the partner, as people with their own references. */
function claims(bundle: HouseholdBundle, random: Random): Resident[][] {
  const kind = bundle.household?.kind;
  const lead = leadOf(bundle);
  if (!kind || !lead) return [];
  const rate = claimRates[kind];
  if (kind === 'house_share') return bundle.residents.filter(() => random.chance(rate)).map((sharer) => [sharer]);
  if (!random.chance(rate)) return [];
  const partner = bundle.residents[1];
  const hasPartner = partner && (kind === 'couple' || kind === 'family' || kind === 'adult_children');
  return [hasPartner ? [lead, partner] : [lead]];
}

function spacedNiNumber(niNumber: string): string {
  return `${niNumber.slice(0, 2)} ${niNumber.slice(2, 4)} ${niNumber.slice(4, 6)} ${niNumber.slice(6, 8)} ${niNumber.slice(8)}`;
}

export const housingBenefitSpec: SystemSpec = {
  code: 'housing_benefit',
  headers: ['Claim No', 'Person Ref', 'Party', 'Forename', 'Surname', 'DOB', 'NINO', 'Addr Line 1', 'Addr Line 2', 'Town',
    'Postcode', 'Tel No'],
  dialect: { delimiter: ',', lineEnding: '\r\n' },
  mapping: {
    description: 'Housing Benefit claimants and partners; NINO with spaces, dates as yyyymmdd.',
    columns: {
      source_id: 'Person Ref', given_name: 'Forename', family_name: 'Surname', dob: 'DOB', ni_number: 'NINO',
      address_line1: 'Addr Line 1', address_line2: 'Addr Line 2', town: 'Town', postcode: 'Postcode', phone: 'Tel No',
    },
    dateFormat: 'ymd',
  },
  idColumns: [1],
  idSeparator: '',
  postcodeColumn: 10,
  dateColumn: 5,
  dateStyle: 'ymd',
  createRowMaker(context) {
    const { random } = context;
    let claimCount = 0;
    const nextClaim = (): string => `HB${1_000_000 + ++claimCount}`;
    return (bundle) => claims(bundle, random).flatMap((people) => {
      const claim = nextClaim();
      let party = 0;
      return emitPeople(people, context, (resident, duplicate) => {
        // A duplicate is a second claim opened for someone already claiming.
        const claimNo = duplicate ? nextClaim() : claim;
        const partyNo = duplicate ? 1 : ++party;
        const view = viewPerson(resident, bundle.property, random, benefitQuirks);
        const { line1, line2 } = addressLines(view.property);
        const caps = random.chance(0.2);
        const ni = resident.niNumber && random.chance(0.95) ? resident.niNumber : '';
        const phone = resident.phone ?? bundle.household?.landline ?? null;
        return [
          claimNo, `${claimNo}-${partyNo}`, partyNo === 1 ? 'Claimant' : 'Partner',
          caps ? view.givenName.toUpperCase() : view.givenName, caps ? view.familyName.toUpperCase() : view.familyName,
          formatDate(resident.dob, 'ymd'), ni && random.chance(0.85) ? spacedNiNumber(ni) : ni,
          line1, line2, view.property.town, messyPostcode(view.property.postcode, random, { noSpace: 0.02, lowerCase: 0 }),
          phone && random.chance(0.7) ? formatPhone(phone, 'compact') : '',
        ];
      });
    });
  },
};
