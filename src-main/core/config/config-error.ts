import type { z } from 'zod';

/** Start-up stops on this; its message is shown to IT staff as is, so it names file and field. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');
}
