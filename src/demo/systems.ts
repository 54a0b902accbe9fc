import type { DemoSystem, SystemSpec } from './extract-spec.ts';
import { councilTaxSpec, housingBenefitSpec } from './systems-revenues.ts';
import { electoralRegisterSpec, parkingPermitsSpec, wasteSpec } from './systems-register.ts';
import { adultSocialCareSpec, leisureSpec, librariesSpec } from './systems-services.ts';

/** The demo council's source systems, with how far each is trusted when they disagree. */
export const demoSystems: readonly DemoSystem[] = [
  { code: 'council_tax', name: 'Council Tax', trust: 80 },
  { code: 'housing_benefit', name: 'Housing Benefit', trust: 85 },
  { code: 'electoral_register', name: 'Electoral Register', trust: 70 },
  { code: 'libraries', name: 'Libraries', trust: 40 },
  { code: 'leisure', name: 'Leisure Centres', trust: 35 },
  { code: 'waste', name: 'Garden Waste and Assisted Collections', trust: 50 },
  { code: 'parking_permits', name: 'Resident Parking Permits', trust: 55 },
  { code: 'adult_social_care', name: 'Adult Social Care', trust: 75 },
];

/** Each system with the shape of its extract, in the order the files are written. */
export function demoSystemSpecs(): Array<{ system: DemoSystem; spec: SystemSpec }> {
  const specs = [councilTaxSpec, housingBenefitSpec, electoralRegisterSpec, librariesSpec, leisureSpec, wasteSpec,
    parkingPermitsSpec, adultSocialCareSpec];
  return demoSystems.map((system) => {
    const spec = specs.find((candidate) => candidate.code === system.code);
    if (!spec) throw new Error(`No extract is defined for ${system.code}.`);
    return { system, spec };
  });
}
