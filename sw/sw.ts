/// <reference lib="webworker" />
// The script the browser registers as /sw.js, a module worker. All it holds is the
// precache manifest (Workbox injects it at `self.__WB_MANIFEST` when the app is built)
// and an import of the worker itself. That import is built as a hashed chunk of the app's
// own build, sharing the page's chunks (scripts/service-worker-build.ts points it there),
// so a new build changes the manifest or the chunk's name, this file's bytes change, and
// the browser installs the update.
import { startServiceWorker } from './worker.ts';

declare const self: ServiceWorkerGlobalScope;

startServiceWorker(self.__WB_MANIFEST);
