import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { chunkGroups } from './scripts/chunk-groups.ts';
import { createPrecacheSplit } from './scripts/precache-split.ts';
import { precompressAssets } from './scripts/precompress-assets.ts';
import { createServiceWorkerBuild } from './scripts/service-worker-build.ts';

// Screens a first install may store once the worker is active: those that need the
// network anyway (tablets, staff, audit log, the state dashboard) and the paper and figures
// a manager opens now and then (referral letter, monthly report). Casework — intake, the
// case page, Today, sync, change PIN — is in the install itself, so "ready to work
// offline" is true for her day's work the moment it shows.
const laterScreens = [
  'src/features/case-file/ReferralLetterPage.tsx',
  'src/features/tablets/TabletsScreen.tsx',
  'src/features/staff/StaffPage.tsx',
  'src/features/audit/AuditPage.tsx',
  'src/features/reports/CentreReportScreen.tsx',
  'src/features/reports/StateReportsScreen.tsx',
];
const precacheSplit = createPrecacheSplit(laterScreens.map((screen) => `/${screen}`));

// One file per stage of a visit rather than one per module: each file over 2G is a request
// and a round trip (scripts/chunk-groups.ts). The first screen is index.html's own; the app
// is everything it loads behind the sign-in form (her sign-in is sent only once the app and
// the store are here, FirstVisit.tsx, so the sign-in client is one with them); "signed-in"
// is what the app loads only once she is in (the unlock screen, the sealed store, sync),
// arriving while her sign-in is answered; casework is intake, the case page, Today, sync
// and change PIN, in the install; the later screens come after it.
const loadingStages = chunkGroups(
  {
    stages: [
      { name: 'first-screen', roots: ['index.html'], lazyImportsGoTo: 'app' },
      {
        name: 'app',
        // The server-health check's schema: the app reads /api/health just after her
        // sign-in is sent, and loading the whole "signed-in" stage then would hold up her
        // sign-in's answer behind ~34 kB on the link.
        roots: ['src/domain/server-health.ts'],
        lazyImportsGoTo: 'signed-in',
      },
      { name: 'signed-in', roots: [] },
      {
        name: 'casework',
        roots: [
          'src/features/intake/IntakePage.tsx',
          'src/features/case-file/CaseFilePage.tsx',
          'src/features/today/TodayPage.tsx',
          'src/features/sync-status/SyncStatusPage.tsx',
          'src/features/cases/CaseloadPage.tsx',
          'src/features/unlock/ChangePinPage.tsx',
        ],
      },
      { name: 'later', roots: laterScreens },
    ],
    worker: 'sw/worker.ts',
  },
  import.meta.dirname,
);

const serviceWorkerBuild = createServiceWorkerBuild();

export default defineConfig({
  plugins: [
    preact(),
    serviceWorkerBuild.plugin,
    precacheSplit.plugin,
    precompressAssets(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // The app registers the worker itself (workbox-window) so an update waits for the user's word.
      injectRegister: false,
      registerType: 'prompt',
      integration: {
        configureCustomSWViteBuild: serviceWorkerBuild.configureRegisteredScriptBuild,
      },
      injectManifest: {
        // Icons are added by the plugin from the manifest; globbing them too precaches them twice.
        globPatterns: ['**/*.{js,css,html}'],
        // A module worker: /sw.js imports the worker's chunk of the app's build.
        rollupFormat: 'es',
        manifestTransforms: [precacheSplit.markLaterFiles],
      },
      manifest: {
        name: 'सखी — वन स्टॉप सेंटर | Sakhi — One Stop Centre',
        short_name: 'सखी Sakhi',
        description:
          'वन स्टॉप सेंटर के मामलों का ऑफ़लाइन प्रबंधन | Offline case management for One Stop Centres',
        lang: 'hi',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#6a1b9a',
        background_color: '#ffffff',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          {
            src: 'icon-maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
    rolldownOptions: { output: { codeSplitting: loadingStages } },
  },
});
