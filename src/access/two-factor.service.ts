import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import type { SecretBox } from './secret-box.ts';
import * as repository from './two-factor.repository.ts';
import { matchingStep, newTotpSecret, normaliseCode, otpauthUri } from './two-factor.ts';

export type TwoFactorService = ReturnType<typeof createTwoFactorService>;

export type Enrolment = { secret: string; uri: string };

// Setting up and checking a member of staff's second factor. A secret is shown only while it is being set up.
export function createTwoFactorService({ db, clock, box, issuer }: { db: Db; clock: Clock; box: SecretBox; issuer: string }) {
  async function isEnrolled(userId: number): Promise<boolean> {
    return Boolean((await repository.findSealedSecrets(db, userId))?.secret);
  }

  /** The secret to set up, made once and kept until a code confirms it; undefined once a second factor is set up. */
  async function beginEnrolment(user: { id: number; email: string }): Promise<Enrolment | undefined> {
    const sealed = await repository.findSealedSecrets(db, user.id);
    if (!sealed || sealed.secret) return undefined;
    let secret = sealed.pendingSecret ? box.open(sealed.pendingSecret) : undefined;
    if (!secret) {
      secret = newTotpSecret();
      await repository.savePendingSecret(db, user.id, box.seal(secret));
    }
    return { secret, uri: otpauthUri(secret, user.email, issuer) };
  }

  /** True when the code comes from the secret being set up, which then becomes the account's second factor. */
  async function confirmEnrolment(userId: number, code: string): Promise<boolean> {
    const sealed = await repository.findSealedSecrets(db, userId);
    if (!sealed?.pendingSecret || sealed.secret) return false;
    const step = matchingStep(box.open(sealed.pendingSecret), normaliseCode(code), clock.now());
    return step !== undefined && repository.confirmPendingSecret(db, userId, step);
  }

  /** True for a right code not used before; a code already taken within its window is refused. */
  async function verifyCode(userId: number, code: string): Promise<boolean> {
    const sealed = await repository.findSealedSecrets(db, userId);
    if (!sealed?.secret) return false;
    const step = matchingStep(box.open(sealed.secret), normaliseCode(code), clock.now());
    return step !== undefined && repository.takeStep(db, userId, step);
  }

  return { isEnrolled, beginEnrolment, confirmEnrolment, verifyCode };
}
