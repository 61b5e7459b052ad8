import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Five projects, so `npm run check` can run the fast ones alone:
//   unit          - src/, server/, sw/, scripts/ and tests/ unit tests (happy-dom, fake-indexeddb)
//   unit-screens  - the screens' component tests, src/app and src/features (the same, isolated)
//   browser       - *.browser.test.ts: real Debian Chromium through playwright-core, against a built app
//   pg            - *.pg.test.ts: a throwaway PostgreSQL cluster started for the run
//   faults        - *.faults.test.ts: the server as its own process, killed and cut off (npm run test:faults)
// Browser and pg projects fail loudly (never skip) when Chromium or PostgreSQL is missing.

// The app's screens, rendered whole (src/app) or page by page (src/features).
const screenTests = ['src/app/**/*.test.{ts,tsx}', 'src/features/**/*.test.{ts,tsx}'];
const otherProjects = ['**/*.browser.test.ts', '**/*.pg.test.ts', '**/*.faults.test.ts'];
// Vitest's default 5 s is a quiet machine's budget; on two busy cores the tests that hash
// with the production scrypt cost took just over it.
const unitTestTimeoutMs = 20_000;

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
            'bench/**/*.test.ts',
          ],
          exclude: [...screenTests, ...otherProjects, '**/node_modules/**'],
          environment: 'happy-dom',
          setupFiles: ['./tests/setup/unit.ts'],
          // One worker goes through these files without starting afresh for each: no new
          // happy-dom window and no re-import of the same modules per file, which cost more
          // than the tests themselves (docs/performance.md, "Test suite time"). It holds
          // because none of them mocks a module and each undoes what it stubs; a test that
          // passes alone but fails after another file is a bug in one of the two.
          isolate: false,
          testTimeout: unitTestTimeoutMs,
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-screens',
          include: screenTests,
          exclude: [...otherProjects, '**/node_modules/**'],
          environment: 'happy-dom',
          setupFiles: ['./tests/setup/unit.ts'],
          // Each file in a fresh worker. Run warm, after other screen files, App.test.tsx
          // failed: one test's sync run, still under way when the test ended, reached the
          // next test's stubbed server. Stopping the page's sync now cancels its run, and
          // one run of these files inside `unit` passed them all, but was not shown to be
          // faster (docs/performance.md, "Test suite time"): they stay apart until it is.
          isolate: true,
          testTimeout: unitTestTimeoutMs,
          // A group of their own, after `unit`: mixed in with its files, they would break up
          // the one worker that goes through those.
          sequence: { groupOrder: 1 },
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
