import { councilHouseholds, type CouncilOptions } from './council.ts';
import { writeExtractFiles, type DemoExtract, type ExtractProgress } from './extract-writer.ts';

export type { ExtractProgress } from './extract-writer.ts';

/**
 * Writes the same eight extracts and truth.csv as writeDemoExtracts, for benchmark sizes (a million
 * residents): households are generated and written one at a time and never held, so memory stays
 * flat. The same options give the same bytes as writeDemoExtracts.
 */
export async function writeScaleExtracts(
  dir: string, options: CouncilOptions, onProgress?: (progress: ExtractProgress) => void,
): Promise<DemoExtract[]> {
  return writeExtractFiles(dir, options.seed, councilHouseholds(options), onProgress);
}
