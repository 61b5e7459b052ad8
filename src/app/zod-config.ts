// zod probes for eval (new Function) before its first object parse; the server's CSP
// forbids eval, and Chromium reports even a caught attempt as a CSP violation. Jitless
// parsing is all the tablet needs. main.tsx imports this first: some modules parse at
// load time, so it must run before any of them.
// TODO(issue 3): better set once in src/domain or src/data, and in sw/ too.
import { config } from 'zod';

config({ jitless: true });
