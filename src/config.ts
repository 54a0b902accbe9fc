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
  };
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
