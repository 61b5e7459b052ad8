// zod's compiled object parser probes for eval (new Function) before its first object
// parse; the server's CSP forbids eval, and Chromium reports even a caught attempt as a CSP
// violation. Jitless parsing is all the tablet needs. The schemas' zod/mini never compiles
// (src/domain/zod.ts), so this guards against a classic zod schema reaching the page, which
// the build test refuses too. The page's main.tsx and the service worker's worker.ts import
// this first: some modules parse at load time, so it must run before any of them.
//
// It does not import zod, so the first screen's code need not carry it: zod adopts the
// config object it finds on `globalThis` when it loads (its own way to share one config
// between copies), and if zod has loaded already this is that same object.
declare global {
  var __zod_globalConfig: { jitless?: boolean } | undefined;
}

const sharedConfig = (globalThis.__zod_globalConfig ??= {});
sharedConfig.jitless = true;

export {};
