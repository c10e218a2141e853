import type { TestStack } from './test-stack';

export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as Record<string, unknown>;
  const stack = holder.__vigilTestStack as TestStack | undefined;
  await stack?.stop();
  delete holder.__vigilTestStack;
}
