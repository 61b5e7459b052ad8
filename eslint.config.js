// Lint holds the layer directions of ../shared/DESIGN.md ("Layout"): each zone says why,
// so whoever trips it learns the rule instead of working around it.
import { existsSync, readdirSync } from 'node:fs';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// One folder per staff task; each may import none of the others.
const featureFolders = existsSync('src/features')
  ? readdirSync('src/features', { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
  : [];

const zones = [
  {
    target: './src/domain',
    from: [
      './src/data',
      './src/sync',
      './src/platform',
      './src/features',
      './src/forms',
      './src/ui',
      './src/i18n',
      './src/app',
      './server',
      './sw',
    ],
    message:
      'src/domain is the one set of rules shared by app, service worker and server: it must stay pure and import nothing else of the project.',
  },
  {
    target: './src',
    from: ['./server'],
    message: 'Server code never ships to the tablet. Put shared rules in src/domain instead.',
  },
  {
    target: './server',
    from: [
      './src/data',
      './src/sync',
      './src/platform',
      './src/features',
      './src/forms',
      './src/ui',
      './src/i18n',
      './src/app',
      './sw',
    ],
    message: 'The server may use only src/domain from the app: the rest needs a browser.',
  },
  {
    target: './src/ui',
    from: [
      './src/data',
      './src/sync',
      './src/platform',
      './src/features',
      './src/forms',
      './src/app',
    ],
    message:
      'src/ui is presentational: it gets data through props and imports only domain types and i18n.',
  },
  {
    target: './src/forms',
    from: ['./src/data', './src/sync', './src/platform', './src/features', './src/app'],
    message:
      'src/forms turns case fields into answers and back for every screen that asks them: it knows no storage, sync or screen, so features pass it what it needs.',
  },
  {
    target: './src/data',
    from: ['./src/sync', './src/features', './src/forms', './src/ui', './src/app'],
    message: 'src/data sits below sync and features: they use it, never the other way round.',
  },
  {
    target: './src/sync',
    from: ['./src/features', './src/forms', './src/ui', './src/app'],
    message:
      'src/sync runs in the service worker too, where there are no screens: it must not import features, ui or app.',
  },
  {
    target: './src/platform',
    from: ['./src/data', './src/sync', './src/features', './src/forms', './src/ui', './src/app'],
    message:
      'src/platform is a thin wrapper over browser APIs: it knows nothing of the app above it.',
  },
  {
    target: './sw',
    from: ['./src/features', './src/forms', './src/ui', './src/app', './src/i18n'],
    message:
      'The service worker has no screens: it may import sync, data, platform and domain only.',
  },
  ...featureFolders.map((feature) => ({
    target: `./src/features/${feature}`,
    from: featureFolders
      .filter((other) => other !== feature)
      .map((other) => `./src/features/${other}`),
    message:
      'Features never import each other: move what both need to src/domain (rules), src/data (storage), src/forms (case answers) or src/ui (components).',
  })),
];

const activeZones = zones.filter((zone) => zone.from.length > 0);

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
      'import-x/no-restricted-paths': ['error', { zones: activeZones }],
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
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/domain/*'],
              allowTypeImports: true,
              message:
                'src/ui is presentational: vocabularies, rules and normalisers come in as props (or the component belongs in src/forms); import only domain types here.',
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
