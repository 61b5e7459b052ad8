import { fileURLToPath } from 'node:url';

/** The built app (`npm run build`), which browser tests serve. */
export const DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));
