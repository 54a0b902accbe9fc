import type { StaffUser } from './staff.ts';

// Signing in, as rules: what can come of an attempt, and the keys failed attempts are counted under.

export type SignInOutcome =
  | { kind: 'signed_in'; user: StaffUser }
  | { kind: 'code_needed'; user: StaffUser }
  | { kind: 'refused' }
  /** Too many failures for this email address or from this network address; says nothing of whether the account exists. */
  | { kind: 'locked'; minutes: number };

/** Failures are counted by the email address typed, whether or not an account has it, so a lock reveals nothing. */
export function emailKey(email: string): string {
  return `email:${email.trim().toLowerCase()}`;
}

export function addressKey(address: string): string {
  return `address:${address}`;
}

/** Whole minutes until a lock ends, at least one, for the message staff see. */
export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
