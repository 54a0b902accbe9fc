import type { HouseholdKind } from './council.ts';
import { WeightedPicker, type Random } from './random.ts';
import { familyNameForSex, pickFamilyName, pickHeritage, type DemoSex, type Heritage } from './name-picker.ts';
import { similarTwinNames } from './names.ts';
import { AgeBands, planPerson, type MemberPlan } from './people.ts';
import { ageOn } from './dates.ts';

// Shares of households by type, close to the 2021 census for Liverpool (about 2.3 people a household).
const kinds = new WeightedPicker<HouseholdKind>([
  ['single', 16], ['older_alone', 15], ['couple', 22], ['family', 20], ['single_parent', 8], ['adult_children', 10], ['house_share', 10],
]);

const coupleAges = new AgeBands([[22, 34, 28], [35, 49, 17], [50, 64, 25], [65, 79, 28], [80, 92, 9]]);
const parentAges = new AgeBands([[24, 32, 30], [33, 42, 45], [43, 55, 25]]);
const sharerAges = new AgeBands([[19, 25, 50], [26, 32, 35], [33, 45, 15]]);
const childCounts = new WeightedPicker<number>([[1, 40], [2, 40], [3, 15], [4, 5]]);

/** A household type; near the end of a run only single people, so the council has exactly the residents asked for. */
export function pickHouseholdKind(random: Random, remaining: number): HouseholdKind {
  if (remaining < 7) return random.chance(0.6) ? 'single' : 'older_alone';
  return kinds.pick(random);
}

/** The people in one household, adults first and the household's lead first of all. */
export function planHousehold(kind: HouseholdKind, random: Random): MemberPlan[] {
  switch (kind) {
    case 'single':
      return [planPerson(random, { sex: random.chance(0.5) ? 'female' : 'male', age: random.int(20, 69) })];
    case 'older_alone':
      return [planPerson(random, { sex: random.chance(0.65) ? 'female' : 'male', age: random.int(68, 98) })];
    case 'couple':
      return planCouple(random, coupleAges.pick(random)).adults;
    case 'family':
      return planFamily(random, parentAges.pick(random), childCounts.pick(random));
    case 'single_parent':
      return planSingleParent(random);
    case 'adult_children':
      return planAdultChildren(random);
    case 'house_share':
      return Array.from({ length: random.int(2, 5) }, () => planPerson(random, { sex: random.chance(0.5) ? 'female' : 'male', age: sharerAges.pick(random) }));
  }
}

type Couple = { adults: MemberPlan[]; familyName: string; heritage: Heritage; mother: MemberPlan | null; father: MemberPlan | null };

function planCouple(random: Random, leadAge: number): Couple {
  const heritage = pickHeritage(random);
  const sameSex = random.chance(0.03);
  const leadSex: DemoSex = sameSex && random.chance(0.5) ? 'female' : 'male';
  const partnerSex: DemoSex = sameSex ? leadSex : 'female';
  const partnerAge = Math.min(99, Math.max(18, leadAge - Math.round(random.normal(2, 3))));
  const familyName = pickFamilyName(random, heritage);
  const lead = planPerson(random, { sex: leadSex, age: leadAge, heritage, familyName });
  const partnerHeritage = random.chance(0.92) ? heritage : pickHeritage(random);
  const partner = planPerson(random, { sex: partnerSex, age: partnerAge, heritage: partnerHeritage });
  // Most wives here took their husband's name; older council systems may still hold the maiden name.
  const marriedName = familyNameForSex(familyName, 'female');
  if (!sameSex && partner.familyName !== marriedName && random.chance(0.65 * 0.9)) {
    partner.maidenName = partner.familyName;
    partner.familyName = marriedName;
    if (partnerAge < 60 && random.chance(0.2)) partner.hardCase = 'married';
  }
  const mother = sameSex ? null : partner;
  const father = sameSex ? null : lead;
  return { adults: [lead, partner], familyName, heritage, mother, father };
}

function planChild(random: Random, couple: Pick<Couple, 'familyName' | 'heritage'>, age: number, sex?: DemoSex): MemberPlan {
  return planPerson(random, { sex: sex ?? (random.chance(0.5) ? 'female' : 'male'), age, heritage: couple.heritage, familyName: couple.familyName });
}

function planFamily(random: Random, fatherAge: number, count: number): MemberPlan[] {
  const couple = planCouple(random, fatherAge);
  const youngestParent = Math.min(...couple.adults.map((adult) => ageOn(adult.dob)));
  const oldestChild = Math.min(17, youngestParent - 19);
  if (oldestChild < 0) return couple.adults;
  const children = Array.from({ length: count }, () => planChild(random, couple, random.int(0, oldestChild)));
  children.sort((a, b) => a.dob.localeCompare(b.dob));
  if (children.length >= 2 && random.chance(0.05)) makeTwins(random, children, couple.familyName);
  return [...couple.adults, ...children];
}

function planSingleParent(random: Random): MemberPlan[] {
  const heritage = pickHeritage(random);
  const familyName = pickFamilyName(random, heritage);
  const parent = planPerson(random, { sex: random.chance(0.85) ? 'female' : 'male', age: random.int(20, 52), heritage, familyName });
  const household = { familyName, heritage };
  const oldestChild = Math.min(17, ageOn(parent.dob) - 18);
  const children = Array.from({ length: random.int(1, 3) }, () => planChild(random, household, random.int(0, oldestChild)));
  return [parent, ...children];
}

function planAdultChildren(random: Random): MemberPlan[] {
  const couple = planCouple(random, random.int(47, 68));
  const youngestParent = Math.min(...couple.adults.map((adult) => ageOn(adult.dob)));
  const oldest = Math.max(18, Math.min(34, youngestParent - 19));
  const children = Array.from({ length: random.int(1, 2) }, () => planChild(random, couple, random.int(18, oldest)));
  if (youngestParent <= 60 && random.chance(0.3)) children.push(planChild(random, couple, random.int(13, 17)));
  if (children.length >= 2 && random.chance(0.05)) makeTwins(random, children, couple.familyName);
  else if (couple.father && random.chance(0.1)) nameSonAfterFather(random, couple.father, children);
  return [...couple.adults, ...children];
}

/** Twins share a birthday; sometimes their names differ by a letter or two ("Jon" and "Jan"). */
function makeTwins(random: Random, children: MemberPlan[], familyName: string): void {
  const [older, younger] = children;
  if (!older || !younger) return;
  younger.dob = older.dob;
  if (random.chance(0.5)) {
    const [nameA, sexA, nameB, sexB] = random.pick(similarTwinNames);
    renameChild(older, nameA, sexA, familyName);
    renameChild(younger, nameB, sexB, familyName);
  }
  older.hardCase = 'twin';
  younger.hardCase = 'twin';
}

function renameChild(child: MemberPlan, givenName: string, sex: DemoSex, familyName: string): void {
  // A middle name chosen for a child of the other sex would not fit.
  const middleName = sex === child.sex ? child.middleName : null;
  Object.assign(child, { givenName, sex, middleName, familyName: familyNameForSex(familyName, sex) });
}

function nameSonAfterFather(random: Random, father: MemberPlan, children: MemberPlan[]): void {
  const son = children[0];
  if (!son || ageOn(son.dob) < 18) return;
  Object.assign(son, {
    sex: 'male', givenName: father.givenName, familyName: father.familyName, suffix: 'Jr', hardCase: 'father_son',
    middleName: random.chance(0.5) || son.sex !== 'male' ? father.middleName : son.middleName,
  });
  father.hardCase = 'father_son';
}
