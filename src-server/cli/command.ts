import type { ParseArgsConfig } from 'node:util';
import { TestClock, systemClock, type Clock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import type { Db } from '../db/schema.js';

/** One `mypage` command. Each lives in its own file under commands/ and is listed in commands/index.ts. */
export interface CliCommand {
  name: string;
  /** One line: the options, as `--id EMAIL --password P`. */
  usage: string;
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Options that must be given. */
  required?: string[];
  run(values: Record<string, string | boolean | undefined>, io: CliIo): Promise<number | void>;
}

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
}

/** Thrown by a command for a user error: printed without a stack, exit code 1. */
export class CliError extends Error {}

/**
 * The clock of a CLI run: the system clock, or MYPAGE_CLOCK_START (ISO time) for tests that must
 * agree with a service running on a test clock.
 */
export function cliClock(env: NodeJS.ProcessEnv): Clock {
  return env.MYPAGE_CLOCK_START ? new TestClock(new Date(env.MYPAGE_CLOCK_START)) : systemClock;
}

/** Opens and migrates the configured database for the length of `fn`. */
export async function withDatabase<T>(env: NodeJS.ProcessEnv, fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig(env);
  const { db } = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(db);
    return await fn(db, config);
  } finally {
    await db.destroy();
  }
}

export function str(values: Record<string, string | boolean | undefined>, key: string): string {
  const v = values[key];
  if (typeof v !== 'string' || v === '') throw new CliError(`--${key} is required`);
  return v;
}
