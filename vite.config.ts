import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { createPrecacheSplit } from './scripts/precache-split.ts';
import { precompressAssets } from './scripts/precompress-assets.ts';
import { createServiceWorkerBuild } from './scripts/service-worker-build.ts';

// Screens a first install may store once the worker is active: those that need the
// network anyway (tablets, staff, audit log, the state dashboard) and the paper and figures
// a manager opens now and then (referral letter, monthly report). Casework — intake, the
// case page, Today, sync, change PIN — is in the install itself, so "ready to work
// offline" is true for her day's work the moment it shows.
const precacheSplit = createPrecacheSplit([
  '/src/features/case-file/ReferralLetterPage.tsx',
  '/src/features/tablets/TabletsScreen.tsx',
  '/src/features/staff/StaffPage.tsx',
  '/src/features/audit/AuditPage.tsx',
  '/src/features/reports/CentreReportScreen.tsx',
  '/src/features/reports/StateReportsScreen.tsx',
]);

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
  build: { target: 'es2022', sourcemap: false },
});
