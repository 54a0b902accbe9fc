import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { withTransaction } from '../db/transaction.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import { createApiTokenService, digest } from './api-token.service.ts';
import { clearFailures } from './sign-in.repository.ts';
import { emailKey } from './sign-in.ts';
import * as repository from './staff.repository.ts';
import { authorize } from './policy.ts';
import { auditActorOf, type AuditRecorder } from '../audit/audit.ts';
import { newStaffUserSchema, toActor, type Actor, type AnyActor, type Door, type NewStaffUser, type StaffUser, type SystemActor } from './staff.ts';

import { clearSecrets } from './two-factor.repository.ts';

/** Who acts when an account is changed from the command line. */
const commandLine: SystemActor = { kind: 'system', name: 'cli', door: 'cli' };

export type StaffService = ReturnType<typeof createStaffService>;

/**
 * argon2id with OWASP's minimum: 19 MiB of memory, 2 iterations, 1 lane, in WebAssembly (hash-wasm), so no native
 * build can fail on a new machine. The result is the standard encoded form ($argon2id$v=19$m=19456,t=2,p=1$...).
 */
function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), parallelism: 1, iterations: 2, memorySize: 19_456, hashLength: 32, outputType: 'encoded' });
}

function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2Verify({ password, hash }).catch(() => false);
}

/** A hash to compare against when the email is unknown, so a wrong email costs as long as a wrong password. */
let decoyHash: Promise<string> | undefined;

export type StartedSession = { token: string; expiresAt: Date; endsAt: Date };

export function createStaffService({ db, clock, sessionHours, audit }: { db: Db; clock: Clock; sessionHours: number; audit: AuditRecorder }) {
  const tokens = createApiTokenService({ db, clock });

  async function addUser(input: NewStaffUser, options: { isDemo?: boolean } = {}): Promise<StaffUser> {
    const parsed = newStaffUserSchema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]));
      throw new ValidationFailed(parsed.error.issues[0]?.message ?? 'The account details are not valid.', fieldErrors);
    }
    const { email, displayName, password, role } = parsed.data;
    if (await repository.findUserByEmail(db, email)) throw new Conflict(`An account for ${email} already exists.`);
    const passwordHash = await hashPassword(password);
    return repository.insertUser(db, { email, displayName, passwordHash, role, isDemo: options.isDemo ?? false });
  }

  /** The active account with this email and password; a wrong email takes as long to refuse as a wrong password. */
  async function checkPassword(email: string, password: string): Promise<StaffUser | undefined> {
    const user = await repository.findUserByEmail(db, email.trim());
    if (!user?.passwordHash || !user.isActive) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, password);
      return undefined;
    }
    if (!(await verifyPassword(user.passwordHash, password))) return undefined;
    const { passwordHash: _hidden, ...found } = user;
    return found;
  }

  async function authenticate(email: string, password: string): Promise<StaffUser | undefined> {
    const user = await checkPassword(email, password);
    if (user) await repository.recordSignIn(db, user.id, clock.now());
    return user;
  }

  /**
   * A new session for a signed-in account, lasting sessionHours at most; with idleMinutes, it also ends after that
   * long without a request. `endsAt` is when it ends if nothing more happens.
   */
  async function startSession(userId: number, options: { idleMinutes?: number } = {}): Promise<StartedSession> {
    const now = clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + sessionHours * 3_600_000);
    const idleSeconds = options.idleMinutes === undefined ? null : Math.round(options.idleMinutes * 60);
    await repository.deleteEndedSessionsOf(db, userId, now);
    const endsAt = await repository.insertSession(db, { idHash: digest(token), userId, expiresAt, idleSeconds, now });
    await repository.recordSignIn(db, userId, now);
    return { token, expiresAt, endsAt };
  }

  /** The session's actor, counting this as activity; a session past its lifetime or idle limit is ended for good. */
  async function continueSession(token: string, door: Door = 'web'): Promise<{ actor: Actor; endsAt: Date; canExtend: boolean } | undefined> {
    const now = clock.now();
    const found = await repository.continueSession(db, digest(token), now);
    if (!found) {
      await repository.deleteSessionIfEnded(db, digest(token), now);
      return undefined;
    }
    const canExtend = found.idleExpiresAt !== null && found.idleExpiresAt < found.expiresAt;
    return { actor: toActor(found.user, door), endsAt: found.idleExpiresAt ?? found.expiresAt, canExtend };
  }

  /**
   * Disables an account: its sessions end at once and its API tokens are refused until it is enabled again. From
   * the command line (whoever runs it can reach the database) or by an administrator, never their own account.
   */
  async function disableUser(email: string, by: AnyActor = commandLine): Promise<{ user: StaffUser; sessionsEnded: number }> {
    authorize(by, 'user.manage');
    if (by.kind === 'staff' && by.email.toLowerCase() === email.trim().toLowerCase()) throw new ValidationFailed('You cannot disable your own account: ask another administrator.');
    return withTransaction(db, async (tx) => {
      const user = await repository.setUserActive(tx, email.trim(), false);
      if (!user) throw new NotFound(`There is no staff account for ${email}.`);
      const sessionsEnded = await repository.deleteSessionsOf(tx, user.id);
      await audit.record(tx, { ...auditActorOf(by), action: 'user.disable', subject: `user:${user.id}`, details: { userId: user.id, sessionsEnded } });
      return { user, sessionsEnded };
    });
  }

  /** Enables an account again, lifting any lock from failed sign-ins. */
  async function enableUser(email: string, by: AnyActor = commandLine): Promise<StaffUser> {
    authorize(by, 'user.manage');
    return withTransaction(db, async (tx) => {
      const user = await repository.setUserActive(tx, email.trim(), true);
      if (!user) throw new NotFound(`There is no staff account for ${email}.`);
      await clearFailures(tx, emailKey(user.email));
      await audit.record(tx, { ...auditActorOf(by), action: 'user.enable', subject: `user:${user.id}`, details: { userId: user.id } });
      return user;
    });
  }

  /** Every staff account, for an administrator. */
  async function listUsers(by: AnyActor) {
    authorize(by, 'user.manage');
    return repository.listUsers(db);
  }

  /** Removes an account's second factor (a lost phone, say) and ends its sessions; they set up a new one after signing in. */
  async function resetTwoFactor(email: string): Promise<{ user: StaffUser; sessionsEnded: number }> {
    return withTransaction(db, async (tx) => {
      const found = await repository.findUserByEmail(tx, email.trim());
      if (!found) throw new NotFound(`There is no staff account for ${email}.`);
      const { passwordHash: _hidden, ...user } = found;
      await clearSecrets(tx, user.id);
      return { user, sessionsEnded: await repository.deleteSessionsOf(tx, user.id) };
    });
  }

  return {
    addUser,
    checkPassword,
    authenticate,
    startSession,
    continueSession,
    resumeSession: async (token: string, door: Door = 'web'): Promise<Actor | undefined> => (await continueSession(token, door))?.actor,
    endSession: (token: string): Promise<void> => repository.deleteSession(db, digest(token)),
    disableUser,
    enableUser,
    listUsers,
    resetTwoFactor,
    ...tokens,
    countUsers: () => repository.countUsers(db),
    findUserByEmail: async (email: string): Promise<StaffUser | undefined> => {
      const found = await repository.findUserByEmail(db, email);
      if (!found) return undefined;
      const { passwordHash: _hidden, ...user } = found;
      return user;
    },
  };
}
