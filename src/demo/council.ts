import { z } from 'zod';
import { Random } from './random.ts';
import { PropertyStream, type Property } from './addresses.ts';
import { IdentityIssuer, pad } from './identity.ts';
import { emailFor, type MemberPlan } from './people.ts';
import { pickHouseholdKind, planHousehold } from './households.ts';
import { ageOn, daysAgo, daysFromIso, isoFromDays, referenceDate } from './dates.ts';
import { NamesakeQueue } from './namesakes.ts';
import type { DemoSex } from './name-picker.ts';

export type { Property } from './addresses.ts';

/** The deliberately hard cases a matcher must get right, marked in the truth. */
export type HardCase = 'twin' | 'father_son' | 'married' | 'namesake';
export type HouseholdKind = 'single' | 'older_alone' | 'couple' | 'family' | 'single_parent' | 'adult_children' | 'house_share';

export type PreviousAddress = { property: Property; from: string; to: string };

/** One synthetic person as they really are: the truth every source system's record is measured against. */
export type Resident = {
  id: string;
  householdId: string;
  givenName: string;
  middleName: string | null;
  familyName: string;
  /** Family name at birth when it changed on marriage. */
  maidenName: string | null;
  suffix: string | null;
  dob: string;
  sex: DemoSex;
  /** Own mobile, "07700 900123". */
  phone: string | null;
  email: string | null;
  /** Issued from 16, "AB123456C". */
  niNumber: string | null;
  uprn: string;
  addressFrom: string;
  previousAddress: PreviousAddress | null;
  hardCase: HardCase | null;
};

export type Household = {
  id: string;
  kind: HouseholdKind;
  uprn: string;
  residentIds: string[];
  movedIn: string;
  /** The household's landline, "0151 496 0123". */
  landline: string | null;
  previousAddress: PreviousAddress | null;
};

/** A property with whoever lives there; vacant properties have no household. */
export type HouseholdBundle = { property: Property; household: Household | null; residents: Resident[] };

export type Council = {
  seed: number;
  referenceDate: string;
  properties: Property[];
  households: Household[];
  residents: Resident[];
};

export const councilOptionsSchema = z.object({
  residents: z.number().int().min(1).max(2_000_000),
  seed: z.number().int(),
});
export type CouncilOptions = z.infer<typeof councilOptionsSchema>;

/** Builds a whole demo council in memory; for demo sizes (up to ~50,000 residents). */
export function generateCouncil(options: CouncilOptions): Council {
  const council: Council = { seed: options.seed, referenceDate, properties: [], households: [], residents: [] };
  for (const bundle of councilHouseholds(options)) {
    council.properties.push(bundle.property);
    if (bundle.household) council.households.push(bundle.household);
    council.residents.push(...bundle.residents);
  }
  return council;
}

/**
 * Yields the council property by property, holding only a window of recent properties (where movers
 * came from), so a million residents need no more memory than a thousand.
 */
export function* councilHouseholds(options: CouncilOptions): Generator<HouseholdBundle> {
  const { residents: target, seed } = councilOptionsSchema.parse(options);
  const random = new Random(seed, 1);
  const properties = new PropertyStream(new Random(seed, 2));
  const issuer = new IdentityIssuer(new Random(seed, 3));
  const namesakes = new NamesakeQueue();
  const recent = new RecentProperties(4096);
  let residentCount = 0;
  let householdCount = 0;
  while (residentCount < target) {
    const property = properties.next();
    const previous = random.chance(0.16) ? recent.pick(random) : null;
    recent.add(property);
    if (random.chance(0.03)) {
      yield { property, household: null, residents: [] };
      continue;
    }
    const kind = pickHouseholdKind(random, target - residentCount);
    const plans = namesakes.apply(kind, planHousehold(kind, random), random, residentCount < target * 0.9);
    const household = settle(random, issuer, { id: `H${pad(++householdCount, 7)}`, kind, property, previous, plans });
    const residents = plans.map((plan) => materialise(random, issuer, plan, household, `R${pad(++residentCount, 7)}`));
    household.residentIds = residents.map((resident) => resident.id);
    yield { property, household, residents };
  }
}

/** A ring of the most recent properties, where households that moved within the borough came from. */
class RecentProperties {
  private readonly ring: Property[] = [];
  private next = 0;

  constructor(private readonly size: number) {}

  add(property: Property): void {
    this.ring[this.next] = property;
    this.next = (this.next + 1) % this.size;
  }

  pick(random: Random): Property | null {
    return this.ring.length === 0 ? null : random.pick(this.ring);
  }
}

type Settling = { id: string; kind: HouseholdKind; property: Property; previous: Property | null; plans: MemberPlan[] };

/** When the household moved in, and from where if they moved within the borough in the last five years. */
function settle(random: Random, issuer: IdentityIssuer, settling: Settling): Household {
  const leadAge = ageOn(settling.plans[0]?.dob ?? referenceDate);
  let movedIn: string;
  let previousAddress: PreviousAddress | null = null;
  if (settling.previous && leadAge >= 21) {
    movedIn = daysAgo(random, 30, 1825);
    const to = daysFromIso(movedIn) - 1;
    previousAddress = { property: settling.previous, from: isoFromDays(to - random.int(365, 3650)), to: isoFromDays(to) };
  } else {
    movedIn = daysAgo(random, 90, Math.max(365, (leadAge - 19) * 365));
  }
  const older = settling.kind === 'older_alone' || leadAge >= 65;
  return {
    id: settling.id, kind: settling.kind, uprn: settling.property.uprn, residentIds: [], movedIn,
    landline: random.chance(older ? 0.6 : 0.2) ? issuer.nextLandline() : null, previousAddress,
  };
}

function materialise(random: Random, issuer: IdentityIssuer, plan: MemberPlan, household: Household, id: string): Resident {
  const age = ageOn(plan.dob);
  const hasPhone = age >= 16 ? random.chance(0.92) : age >= 11 && random.chance(0.6);
  const hasEmail = age >= 16 && random.chance(age >= 75 ? 0.25 : 0.6);
  const previous = household.previousAddress;
  return {
    id, householdId: household.id, givenName: plan.givenName, middleName: plan.middleName, familyName: plan.familyName,
    maidenName: plan.maidenName, suffix: plan.suffix, dob: plan.dob, sex: plan.sex,
    phone: hasPhone ? issuer.nextMobile() : null,
    // Each person's email is their own: two people with one name do not share a mailbox.
    email: hasEmail ? issuer.ownEmail(emailFor(random, plan.givenName, plan.familyName, Number(plan.dob.slice(0, 4)))) : null,
    niNumber: age >= 16 ? issuer.nextNiNumber() : null,
    uprn: household.uprn,
    addressFrom: maxIso(plan.dob, household.movedIn),
    previousAddress: previous && plan.dob < previous.to ? { ...previous, from: maxIso(previous.from, plan.dob) } : null,
    hardCase: plan.hardCase,
  };
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
