import path from 'node:path';

// The only reader of process.env: everything else receives a Config.
export type DatabaseTarget =
  | { kind: 'embedded'; dataDir: string }
  | { kind: 'server'; url: string };

export type Config = {
  database: DatabaseTarget;
  dataDir: string;
  port: number;
  host: string;
  logLevel: string;
  demo: 'auto' | 'on' | 'off';
  cookieSecure: boolean;
  sessionHours: number;
  councilName: string;
  auth: AuthConfig;
};

/** OpenID Connect single sign-on (a council's Entra ID, say); off unless all four settings are given. */
export type OidcConfig = { issuer: string; clientId: string; clientSecret: string; redirectUri: string };

export type AuthConfig = {
  /** A session ends after this long without a request (WCAG 2.2.1: pages warn first and offer more time). */
  idleMinutes: number;
  /** Failed sign-ins for one email address before it is locked, and for how long. */
  failedSignInsBeforeLock: number;
  lockMinutes: number;
  /** Failed sign-ins from one network address in the same period before it is refused. */
  failedSignInsPerAddress: number;
  /** API calls each token may make a minute. */
  apiCallsPerMinute: number;
  /** Key for second-factor secrets (32 bytes, base64 or hex); without it, a key file in the data folder. */
  secretKey: string | undefined;
  oidc: OidcConfig | undefined;
};

export const defaultAuthConfig: AuthConfig = {
  idleMinutes: 30, failedSignInsBeforeLock: 5, lockMinutes: 15, failedSignInsPerAddress: 50, apiCallsPerMinute: 600, secretKey: undefined, oidc: undefined,
};

export type ConfigOverrides = { dataDir?: string; databaseUrl?: string; port?: number };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  const dataDir = path.resolve(overrides.dataDir ?? env.ONESTOP_DATA_DIR ?? 'data');
  const url = overrides.databaseUrl ?? env.DATABASE_URL;
  const port = overrides.port ?? parsePort(env.PORT);
  return {
    database: url ? { kind: 'server', url } : { kind: 'embedded', dataDir: path.join(dataDir, 'db') },
    dataDir,
    port,
    host: env.HOST ?? '0.0.0.0',
    logLevel: env.LOG_LEVEL ?? 'info',
    demo: parseDemo(env.ONESTOP_DEMO),
    // Browsers treat http://localhost as a secure context, so Secure cookies work in development too.
    cookieSecure: env.ONESTOP_INSECURE_COOKIES !== '1',
    sessionHours: Number(env.ONESTOP_SESSION_HOURS ?? 8),
    councilName: env.ONESTOP_COUNCIL_NAME ?? 'Demo Borough Council',
    auth: loadAuthConfig(env),
  };
}

function loadAuthConfig(env: NodeJS.ProcessEnv): AuthConfig {
  const defaults = defaultAuthConfig;
  return {
    idleMinutes: positive(env, 'ONESTOP_SESSION_IDLE_MINUTES', defaults.idleMinutes),
    failedSignInsBeforeLock: positive(env, 'ONESTOP_SIGN_IN_ATTEMPTS', defaults.failedSignInsBeforeLock),
    lockMinutes: positive(env, 'ONESTOP_LOCK_MINUTES', defaults.lockMinutes),
    failedSignInsPerAddress: positive(env, 'ONESTOP_SIGN_IN_ATTEMPTS_PER_ADDRESS', defaults.failedSignInsPerAddress),
    apiCallsPerMinute: positive(env, 'ONESTOP_API_CALLS_PER_MINUTE', defaults.apiCallsPerMinute),
    secretKey: env.ONESTOP_SECRET_KEY || undefined,
    oidc: loadOidcConfig(env),
  };
}

function loadOidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const oidc = {
    issuer: env.ONESTOP_OIDC_ISSUER ?? '', clientId: env.ONESTOP_OIDC_CLIENT_ID ?? '',
    clientSecret: env.ONESTOP_OIDC_CLIENT_SECRET ?? '', redirectUri: env.ONESTOP_OIDC_REDIRECT_URI ?? '',
  };
  const given = Object.values(oidc).filter((value) => value !== '').length;
  if (given === 0) return undefined;
  if (given < 4) throw new Error('Single sign-on needs all of ONESTOP_OIDC_ISSUER, ONESTOP_OIDC_CLIENT_ID, ONESTOP_OIDC_CLIENT_SECRET and ONESTOP_OIDC_REDIRECT_URI.');
  if (!URL.canParse(oidc.issuer)) throw new Error(`ONESTOP_OIDC_ISSUER must be a URL, not "${oidc.issuer}".`);
  if (!URL.canParse(oidc.redirectUri)) throw new Error(`ONESTOP_OIDC_REDIRECT_URI must be a URL, not "${oidc.redirectUri}".`);
  return oidc;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) throw new Error(`${name} must be a number above 0, not "${value}".`);
  return number;
}

export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.TEST_DATABASE_URL || undefined;
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function parseDemo(value: string | undefined): Config['demo'] {
  if (value === '1' || value === 'on' || value === 'true') return 'on';
  if (value === '0' || value === 'off' || value === 'false') return 'off';
  return 'auto';
}
