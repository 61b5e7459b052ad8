// Lint holds the layer directions (docs/architecture.md, "Layers and who may import
// whom"): each layer lists what it MAY import, so a new folder is closed until someone
// decides where it sits; each zone says why, so whoever trips it learns the rule instead
// of working around it.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const root = import.meta.dirname;

// One folder per staff task; each may import none of the others.
const featureFolders = existsSync(path.join(root, 'src/features'))
  ? readdirSync(path.join(root, 'src/features'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  : [];

// Tests and their helpers may also reach the shared test support (and package.json).
const testFiles = ['**/*.test.{ts,tsx}', '**/*.testing.{ts,tsx}'];

/**
 * The zones of every layer. Each refuses any import of the project's own files into its
 * layer except from the paths it lists (and the layer itself, and packages in
 * node_modules); `alsoAllowed` widens every list at once, for test files.
 */
function layerZones(alsoAllowed) {
  const allowOnly = (layer, allowed, message) => ({
    target: `./${layer}`,
    from: [`${root}/**`],
    except: [...new Set([layer, ...allowed, ...alsoAllowed, 'node_modules'])].map((allowedPath) =>
      // A single file still has to be a glob here: import-x wants all or none.
      allowedPath.endsWith('.json') ? `${root}/@(${allowedPath})` : `${root}/${allowedPath}/**`,
    ),
    message,
  });
  // Every layer of the tablet app a screen may stand on.
  const belowFeatures = [
    'src/domain',
    'src/platform',
    'src/data',
    'src/sync',
    'src/i18n',
    'src/ui',
    'src/forms',
    'src/shell',
  ];
  return [
    allowOnly(
      'src/domain',
      [],
      'src/domain is the one set of rules shared by app, service worker and server: it must stay pure and import nothing else of the project.',
    ),
    allowOnly(
      'src/platform',
      ['src/domain'],
      'src/platform is a thin wrapper over browser APIs: it knows nothing of the app above it (domain only).',
    ),
    allowOnly(
      'src/i18n',
      ['src/domain'],
      'src/i18n holds the words people read: it may use domain rules, never storage or screens.',
    ),
    allowOnly(
      'src/data',
      ['src/domain', 'src/platform'],
      'src/data sits below sync and screens: it may import only domain and platform; they use it, never the other way round.',
    ),
    allowOnly(
      'src/sync',
      ['src/domain', 'src/platform', 'src/data'],
      'src/sync runs in the service worker too, where there are no screens: it may import only domain, platform and data.',
    ),
    allowOnly(
      'src/ui',
      ['src/domain', 'src/i18n'],
      'src/ui is presentational: it gets data through props and imports only domain types, i18n and other ui components.',
    ),
    allowOnly(
      'src/forms',
      ['src/domain', 'src/i18n', 'src/ui'],
      'src/forms is the form model between domain and screens: it may import domain, i18n and ui, never storage, sync or a feature.',
    ),
    allowOnly(
      'src/shell',
      ['src/domain', 'src/platform', 'src/data', 'src/sync', 'src/i18n', 'src/ui'],
      'src/shell is what every screen may use (stores, router, online state): it sits below features and app and never imports them.',
    ),
    allowOnly(
      'src/features',
      belowFeatures,
      'A feature may use the layers below it; src/app composes the features and features never reach up into it (put shared pieces in src/shell).',
    ),
    allowOnly(
      'src/app',
      [...belowFeatures, 'src/features'],
      'src/app is the composition root of the tablet app: it may import all of src, never the server or the service worker.',
    ),
    allowOnly(
      'sw',
      ['src/domain', 'src/platform', 'src/data', 'src/sync'],
      'The service worker has no screens and never holds server code: it may import sync, data, platform and domain only.',
    ),
    allowOnly(
      'server',
      ['src/domain', 'package.json'],
      'Server code may use only src/domain from the app (the rest needs a browser); put shared rules in src/domain.',
    ),
    {
      target: './server/services',
      from: ['./server/http', './server/routes', './server/cli'],
      message:
        "Services are the server's final say and never speak HTTP: refuse with a ServiceError and its code (server/http maps codes to statuses in one table), and answer in the API's shapes for routes to send.",
    },
    ...featureFolders.map((feature) => ({
      target: `./src/features/${feature}`,
      from: featureFolders
        .filter((other) => other !== feature)
        .map((other) => `./src/features/${other}`),
      message:
        'Features never import each other: move what both need to src/domain (rules), src/data (storage), src/shell (app-wide state) or src/ui (components).',
    })),
  ].filter((zone) => zone.from.length > 0);
}

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'data/', 'node_modules/', 'dev-dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    ignores: testFiles,
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones([]), basePath: root }],
    },
  },
  {
    files: testFiles,
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: layerZones(['tests', 'package.json']), basePath: root },
      ],
    },
  },
  {
    // A route may name the database handle's type to pass it on, but never query it.
    files: ['server/routes/**/*.ts'],
    ignores: testFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/db/**'],
              allowTypeImports: true,
              message:
                'Routes parse a request, call a service and send its answer: database work belongs in server/services (or a query module they use).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/**'],
              allowTypeImports: true,
              message:
                'src/ui is presentational: it takes domain types only; vocabularies, rules and values come in as props (or belong in src/forms).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}', 'sw/**/*.ts'],
    ignores: ['src/data/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'dexie',
              message:
                'Only src/data touches Dexie: go through a repository so every save also writes the outbox.',
            },
          ],
        },
      ],
    },
  },
  {
    // In-memory stand-ins for async interfaces (stores, transports) answer synchronously.
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  prettier,
);
