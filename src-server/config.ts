import { z } from 'zod';
import { SEED_MAIL_FROM } from '../src-shared/rules.js';

/**
 * The service's environment (API.md, "Operating the service"). Everything has a default, so
 * `mypage serve` with no environment at all runs: SQLite at data/mypage.sqlite, the dev mailbox,
 * port 8080 on 127.0.0.1.
 */
const emptyAsUndefined = (v: unknown) => (v === '' ? undefined : v);

const EnvSchema = z.object({
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(8080)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default('127.0.0.1')),
  DATABASE_URL: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default('sqlite:data/mypage.sqlite')
      .refine((s) => s.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(s), 'DATABASE_URL must be sqlite:<path> or postgres://…'),
  ),
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  MAIL_FROM: z.preprocess(emptyAsUndefined, z.string().default(SEED_MAIL_FROM)),
  PUBLIC_ORIGIN: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  NODE_ENV: z.preprocess(emptyAsUndefined, z.string().default('development')),
  /** Per-IP limit on unauthenticated endpoints, requests per minute; 0 turns it off (tests). */
  RATE_LIMIT_PER_MINUTE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).default(30)),
  LOG_LEVEL: z.preprocess(emptyAsUndefined, z.string().default('info')),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicOrigin: string | undefined;
  production: boolean;
  rateLimitPerMinute: number;
  logLevel: string;
  /** Folder of the built screens; served at `/` when it exists. */
  rendererDir: string | undefined;
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    publicOrigin: e.PUBLIC_ORIGIN?.replace(/\/$/, ''),
    production: e.NODE_ENV === 'production',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    rendererDir: 'dist/renderer',
  };
}
