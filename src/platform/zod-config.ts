// zod probes for eval (new Function) before its first object parse; the server's CSP
// forbids eval, and Chromium reports even a caught attempt as a CSP violation. Jitless
// parsing is all the tablet needs. The page's main.tsx and the service worker's sw.ts
// import this first: some modules parse at load time, so it must run before any of them.
import { config } from 'zod';

config({ jitless: true });
