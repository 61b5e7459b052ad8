import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Four projects, so `npm run check` can run the fast ones alone:
//   unit      - src/ (happy-dom, fake-indexeddb) and server/ unit tests
//   browser   - *.browser.test.ts: real Debian Chromium through playwright-core, against a built app
//   pg        - *.pg.test.ts: a throwaway PostgreSQL cluster started for the run
//   faults    - *.faults.test.ts: the server as its own process, killed and cut off (npm run test:faults)
// Browser and pg projects fail loudly (never skip) when Chromium or PostgreSQL is missing.
export default defineConfig({
  plugins: [preact()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'src/**/*.test.{ts,tsx}',
            'server/**/*.test.ts',
            'sw/**/*.test.ts',
            'tests/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: [
            '**/*.browser.test.ts',
            '**/*.pg.test.ts',
            '**/*.faults.test.ts',
            '**/node_modules/**',
          ],
          environment: 'happy-dom',
          setupFiles: ['./tests/setup/unit.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['**/*.browser.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: ['./tests/setup/browser-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One Chromium at a time: two cores, and service-worker tests are timing-sensitive.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'faults',
          include: ['**/*.faults.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          setupFiles: ['./tests/setup/unit.ts'],
          // Every fault file's rows end the run as one table (npm run test:faults).
          globalSetup: ['./tests/setup/fault-results-global.ts'],
          testTimeout: 120_000,
          hookTimeout: 60_000,
          // It kills and restarts its own server process: one file at a time.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'pg',
          include: ['**/*.pg.test.ts'],
          exclude: ['**/node_modules/**'],
          environment: 'node',
          globalSetup: [
            './tests/setup/postgres-global.ts',
            './tests/setup/fault-results-global.ts',
          ],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
    coverage: {
      provider: 'v8',
      include: ['src/**/*.{ts,tsx}', 'server/**/*.ts'],
      exclude: ['**/*.test.{ts,tsx}'],
      reporter: ['text-summary', 'text'],
      thresholds: {
        'src/domain/**': { lines: 95 },
      },
    },
  },
});
