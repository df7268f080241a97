import { defineConfig } from 'vitest/config';

// Two groups: `unit` runs anywhere; `kernel` needs root and an audit kernel, runs one file at a time, and
// is skipped with a printed reason otherwise (see test/kernel/env.ts). scripts/test.mjs runs them in turn,
// the kernel group under a machine-wide lock so that no two kernel runs ever overlap.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          // text output is in local time (--utc aside): tests and the processes they start run in UTC
          env: { TZ: 'UTC' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'kernel',
          include: ['test/kernel/**/*.test.ts'],
          env: { TZ: 'UTC' },
          fileParallelism: false,
          sequence: { concurrent: false },
          globalSetup: ['test/kernel/global-setup.ts'],
          setupFiles: ['test/kernel/setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
