import { createHash, randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/connection.ts';
import { Conflict, NotFound, ValidationFailed } from '../errors.ts';
import * as repository from './staff.repository.ts';
import { newStaffUserSchema, toActor, type Actor, type Door, type NewStaffUser, type StaffUser } from './staff.ts';

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

export function createStaffService({ db, clock, sessionHours }: { db: Db; clock: Clock; sessionHours: number }) {
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

  async function authenticate(email: string, password: string): Promise<StaffUser | undefined> {
    const user = await repository.findUserByEmail(db, email.trim());
    if (!user?.passwordHash || !user.isActive) {
      decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
      await verifyPassword(await decoyHash, password);
      return undefined;
    }
    const ok = await verifyPassword(user.passwordHash, password);
    if (!ok) return undefined;
    await repository.recordSignIn(db, user.id, clock.now());
    return user;
  }

  async function startSession(userId: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(clock.now().getTime() + sessionHours * 3_600_000);
    await repository.insertSession(db, digest(token), userId, expiresAt);
    return { token, expiresAt };
  }

  async function resumeSession(token: string, door: Door = 'web'): Promise<Actor | undefined> {
    const user = await repository.findSessionUser(db, digest(token), clock.now());
    return user ? toActor(user, door) : undefined;
  }

  async function endSession(token: string): Promise<void> {
    await repository.deleteSession(db, digest(token));
  }

  /** A new bearer token for the API; only its hash is kept, so it is shown once. */
  async function createApiToken(email: string, name = 'command line'): Promise<string> {
    const user = await repository.findUserByEmail(db, email);
    if (!user) throw new NotFound(`There is no staff account for ${email}.`);
    const token = `os_${randomBytes(32).toString('base64url')}`;
    await repository.insertApiToken(db, user.id, digest(token), name);
    return token;
  }

  async function resolveApiToken(token: string): Promise<Actor | undefined> {
    const user = await repository.findTokenUser(db, digest(token));
    return user ? toActor(user, 'api') : undefined;
  }

  return {
    addUser,
    authenticate,
    startSession,
    resumeSession,
    endSession,
    createApiToken,
    resolveApiToken,
    countUsers: () => repository.countUsers(db),
    findUserByEmail: async (email: string): Promise<StaffUser | undefined> => {
      const found = await repository.findUserByEmail(db, email);
      if (!found) return undefined;
      const { passwordHash: _hidden, ...user } = found;
      return user;
    },
  };
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
