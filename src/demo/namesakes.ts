import type { HouseholdKind } from './council.ts';
import type { MemberPlan } from './people.ts';
import type { Random } from './random.ts';

// About one adult in a hundred living alone or sharing starts a namesake pair.
const namesakeRate = 0.01;

/**
 * Namesakes share a full name and date of birth but live at different addresses. The first of a
 * pair waits here until a later household of people living alone or sharing can take the second.
 */
export class NamesakeQueue {
  private readonly waiting: MemberPlan[] = [];

  apply(kind: HouseholdKind, plans: MemberPlan[], random: Random, mayStart: boolean): MemberPlan[] {
    if (kind !== 'single' && kind !== 'house_share') return plans;
    let taken = false;
    const started: MemberPlan[] = [];
    for (const plan of plans) {
      if (plan.hardCase) continue;
      const original = taken ? undefined : this.waiting.shift();
      if (original) {
        Object.assign(plan, {
          givenName: original.givenName, familyName: original.familyName, dob: original.dob, sex: original.sex,
          heritage: original.heritage, hardCase: 'namesake',
          middleName: random.chance(0.5) || original.sex !== plan.sex ? original.middleName : plan.middleName,
        });
        taken = true;
      } else if (mayStart && this.waiting.length < 50 && random.chance(namesakeRate)) {
        plan.hardCase = 'namesake';
        started.push({ ...plan });
      }
    }
    // Only a later household may take them, so the two never share an address.
    this.waiting.push(...started);
    return plans;
  }
}
