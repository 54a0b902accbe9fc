import { generateCouncil, type Council, type CouncilOptions, type HouseholdBundle } from './council.ts';
import { writeExtractFiles, type DemoExtract } from './extract-writer.ts';

export { demoSystems } from './systems.ts';
export type { DemoSystem, DemoSystemCode } from './extract-spec.ts';
export type { DemoExtract } from './extract-writer.ts';

/**
 * Builds the demo council in memory and writes, into `dir`, each system's `<code>.csv` and
 * `<code>.mapping.json`, and `truth.csv` saying which resident each source row really is.
 */
export async function writeDemoExtracts(dir: string, options: CouncilOptions): Promise<DemoExtract[]> {
  const council = generateCouncil(options);
  return writeExtractFiles(dir, options.seed, householdsOf(council));
}

/** The council's households again, each with its property and its people. */
export function* householdsOf(council: Council): Generator<HouseholdBundle> {
  const properties = new Map(council.properties.map((property) => [property.uprn, property]));
  const residents = new Map(council.residents.map((resident) => [resident.id, resident]));
  for (const household of council.households) {
    const property = properties.get(household.uprn);
    if (!property) throw new Error(`Household ${household.id} lives at unknown property ${household.uprn}.`);
    const people = household.residentIds.flatMap((id) => residents.get(id) ?? []);
    yield { property, household, residents: people };
  }
}
