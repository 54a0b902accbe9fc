import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { createStaffService } from './access/staff.service.ts';
import { createDeterministicLinker } from './matching/deterministic-linker.ts';
import { createLinkingService } from './people/linking.service.ts';
import { createPeopleService } from './people/people.service.ts';
import { createPlaceService } from './places/place.service.ts';
import { createImportService } from './sources/import.service.ts';

// The composition root: builds every service with exactly what it needs.
export function createServices(database: Database, config: Pick<Config, 'sessionHours'>, clock: Clock = systemClock) {
  const db = database.db;
  const places = createPlaceService();
  const linker = createDeterministicLinker();
  const linking = createLinkingService({ linker, places, clock });
  const imports = createImportService({ db, linking, places, clock, parallelBatches: database.kind === 'server' ? 2 : 1 });
  const people = createPeopleService({ db, places });
  const staff = createStaffService({ db, clock, sessionHours: config.sessionHours });
  return { database, db, clock, places, linking, imports, people, staff };
}

export type Services = ReturnType<typeof createServices>;
