import { randomBytes } from 'node:crypto';

/** A unique name for a test's own topic, group or database (letters, digits, underscores). */
export function uniqueTestName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}
