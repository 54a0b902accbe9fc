import { z } from 'zod';

// Break-glass: opening a restricted record in an emergency. The reason is required and kept; access lasts an hour;
// every opening waits on a list for a team leader or the data protection officer to look at.

export const breakGlassMinutes = 60;

export const breakGlassReason = z.string().trim()
  .min(10, 'Say why you need to open the restricted records: at least 10 characters')
  .max(1000, 'Keep the reason to 1,000 characters or fewer');

export type BreakGlassOpening = {
  id: number;
  staffUserId: number;
  staffName: string;
  personId: number;
  personReference: string;
  reason: string;
  openedAt: Date;
  expiresAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
};
