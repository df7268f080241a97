// describeKernel: a describe block that runs only where kernel tests can run, and says why otherwise.

import { describe } from 'vitest';
import { kernelEnv } from './env.js';

export function describeKernel(name: string, fn: () => void): void {
  const env = kernelEnv();
  if (!env.available) {
    describe.skip(`${name} (skipped: ${env.reason})`, fn);
    return;
  }
  describe(name, fn);
}
