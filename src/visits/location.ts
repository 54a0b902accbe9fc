import { z } from 'zod';
import type { Queryable } from '../db/connection.ts';
import { readSetting, writeSetting } from '../settings/setting.repository.ts';

// The council's One Stop Shops. Most councils have one or a few, which change rarely, so they are a setting kept
// with the data rather than a table: each with the number of desks that can see booked appointments at once.

export type Location = { name: string; desks: number };

export const defaultLocation: Location = { name: 'Town Hall One Stop Shop', desks: 3 };
export const locationsSettingKey = 'one_stop_shop.locations';

export const locationsSchema = z.array(z.object({
  name: z.string().trim().min(1, 'Give the One Stop Shop a name').max(100, 'A One Stop Shop’s name is at most 100 characters'),
  desks: z.number().int().min(1, 'A One Stop Shop has at least 1 desk').max(50, 'A One Stop Shop has at most 50 desks').default(defaultLocation.desks),
}).strict()).min(1, 'List at least one One Stop Shop').max(50)
  .refine((list) => new Set(list.map((location) => location.name)).size === list.length, 'Each One Stop Shop needs its own name');

/** The One Stop Shops from the setting, or the one default when none (or nothing readable) is set. */
export async function readLocations(db: Queryable): Promise<Location[]> {
  const stored = await readSetting<{ locations?: unknown }>(db, locationsSettingKey);
  const parsed = locationsSchema.safeParse(stored?.locations);
  return parsed.success ? parsed.data : [defaultLocation];
}

export async function writeLocations(db: Queryable, locations: readonly Location[]): Promise<void> {
  await writeSetting(db, locationsSettingKey, { locations });
}
