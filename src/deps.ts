import { systemClock, type Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { createAuditService } from './audit/audit.service.ts';
import { createBreakGlassService } from './access/break-glass.service.ts';
import { createCatalogueService } from './catalogue/catalogue.service.ts';
import { createStaffService } from './access/staff.service.ts';
import { createTeamService } from './access/team.service.ts';
import { createSystemService } from './sources/system.service.ts';
import { createDeterministicLinker } from './matching/deterministic-linker.ts';
import { createMatchService } from './matching/match.service.ts';
import { createProbabilisticLinker } from './matching/probabilistic-linker.ts';
import { createRelinkService } from './matching/relink.service.ts';
import { insertSuggestions } from './matching/review.repository.ts';
import { createReviewService } from './matching/review.service.ts';
import { createChangeService } from './people/change.service.ts';
import { createLinkingService } from './people/linking.service.ts';
import { createMergeService } from './people/merge.service.ts';
import { createPeopleService } from './people/people.service.ts';
import { createPlaceService } from './places/place.service.ts';
import { createPrivacyService } from './privacy/privacy.service.ts';
import { createImportService } from './sources/import.service.ts';
import { createIntegration } from './integration/integration.ts';
import { createCaseOpener } from './cases/case-opener.ts';
import { createCaseService } from './cases/case.service.ts';
import { createSlaAlerts } from './cases/sla-alerts.service.ts';
import { createContactService } from './contacts/contact.service.ts';
import { createVisitService } from './visits/visit.service.ts';

// The composition root: builds every service with exactly what it needs.
export function createServices(database: Database, config: Pick<Config, 'sessionHours'>, clock: Clock = systemClock) {
  const db = database.db;
  // The audit trail first: every service that shows or changes a resident's record writes to it.
  const audit = createAuditService({ db, clock });
  const places = createPlaceService();
  const matches = createMatchService({ db });
  const linker = createProbabilisticLinker({ matches, fallback: createDeterministicLinker() });
  const linking = createLinkingService({ linker, places, clock, reviews: { record: (tx, suggestions) => insertSuggestions(tx, suggestions, clock.now()) } });
  const imports = createImportService({ db, linking, places, clock, audit, parallelBatches: database.kind === 'server' ? 2 : 1 });
  const people = createPeopleService({ db, places, audit });
  const staff = createStaffService({ db, clock, sessionHours: config.sessionHours, audit });
  const changes = createChangeService({ db, linking, clock, audit });
  const merges = createMergeService({ db, changes, audit });
  const reviews = createReviewService({ db, merges, clock, audit });
  const relink = createRelinkService({ db, changes, clock, audit });
  const teams = createTeamService({ db });
  const systems = createSystemService({ db });
  const catalogue = createCatalogueService({ db, audit, clock, teams });
  const breakGlass = createBreakGlassService({ db, clock, audit });
  const privacy = createPrivacyService({ db, audit, clock, places, linking });
  const integration = createIntegration({ db, clock, audit, embedded: database.kind === 'embedded' });
  // Cases are raised inside the transaction of whatever raises them (a contact, the API, a case page).
  const caseOpener = createCaseOpener({ clock, outbox: integration.outbox });
  const cases = createCaseService({ db, audit, clock, outbox: integration.outbox, caseOpener, teams });
  const caseAlerts = createSlaAlerts({ db, clock, outbox: integration.outbox });
  const contacts = createContactService({ db, clock, outbox: integration.outbox, caseOpener, matches });
  // The One Stop Shop's queue and diary; a visit seen is logged as a face-to-face contact in the same transaction.
  const visits = createVisitService({ db, audit, clock });
  return { database, db, clock, audit, places, linking, imports, people, staff, changes, merges, matches, reviews, relink, teams, systems, catalogue, breakGlass, privacy, integration, caseOpener, cases, caseAlerts, contacts, visits };
}

export type Services = ReturnType<typeof createServices>;
