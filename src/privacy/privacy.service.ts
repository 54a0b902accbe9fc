import type { AuditService } from '../audit/audit.service.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { LinkingService } from '../people/linking.service.ts';
import type { PlaceService } from '../places/place.service.ts';
import { createConsentService } from './consent.service.ts';
import { createRetentionService } from './retention.service.ts';
import { createRightsService } from './rights.service.ts';
import { createSubjectAccessService } from './subject-access.service.ts';

export type PrivacyService = ReturnType<typeof createPrivacyService>;

// UK GDPR rights in one service for the doors: subject access, rectification, legal holds and erasure, retention,
// and consent and contact preferences.
export function createPrivacyService(deps: { db: Db; audit: Pick<AuditService, 'record' | 'recordMany' | 'forPerson'>; clock: Clock; places: PlaceService; linking: Pick<LinkingService, 'refreshPersons'> }) {
  return {
    ...createSubjectAccessService(deps),
    ...createRightsService(deps),
    ...createRetentionService(deps),
    ...createConsentService(deps),
  };
}
