import { fileURLToPath } from 'node:url';

/** The built app (`npm run build`), which browser tests serve. */
export const DIST_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** The repository's root, where `npm start` runs. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
