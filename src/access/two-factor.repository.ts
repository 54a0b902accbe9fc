import type { Queryable } from '../db/connection.ts';

// SQL for second-factor secrets, always sealed (see secret-box.ts).
export type SealedSecrets = { secret: string | null; pendingSecret: string | null };

export async function findSealedSecrets(db: Queryable, userId: number): Promise<SealedSecrets | undefined> {
  const row = await db.selectFrom('staff_user').select(['totp_secret', 'totp_pending_secret']).where('id', '=', userId).executeTakeFirst();
  return row ? { secret: row.totp_secret, pendingSecret: row.totp_pending_secret } : undefined;
}

export async function savePendingSecret(db: Queryable, userId: number, sealed: string): Promise<void> {
  await db.updateTable('staff_user').set({ totp_pending_secret: sealed }).where('id', '=', userId).where('totp_secret', 'is', null).execute();
}

/** Makes the pending secret the account's second factor, marking the step that confirmed it as used. */
export async function confirmPendingSecret(db: Queryable, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set((eb) => ({ totp_secret: eb.ref('totp_pending_secret'), totp_pending_secret: null, totp_last_step: step }))
    .where('id', '=', userId)
    .where('totp_secret', 'is', null)
    .where('totp_pending_secret', 'is not', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Takes a step's code, once: true only for the first request to offer a code from this step or a later one. Two
 * processes offering the same code at once both reach this update, and only one of them changes the row.
 */
export async function takeStep(db: Queryable, userId: number, step: number): Promise<boolean> {
  const result = await db
    .updateTable('staff_user')
    .set({ totp_last_step: step })
    .where('id', '=', userId)
    .where('totp_secret', 'is not', null)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function clearSecrets(db: Queryable, userId: number): Promise<void> {
  await db.updateTable('staff_user').set({ totp_secret: null, totp_pending_secret: null, totp_last_step: null }).where('id', '=', userId).execute();
}
