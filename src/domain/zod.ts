/**
 * The zod every schema of the app is written with: its mini API, whose functions a bundle
 * carries only as far as they are used, where zod's classic API brings all of itself with
 * its first schema — on a tablet's first visit over 2G that is ~16 kB gzip less to wait for
 * (docs/performance.md).
 *
 * Mini comes without messages: each issue would read "Invalid input" alone. The server puts
 * an issue's message into its `invalid_request` answers and the store into an error's
 * details, so English, the messages zod gave before, is set here, where every schema
 * module's zod comes from. zod keeps the setting in its one shared config, beside the
 * `jitless` that src/platform/zod-config.ts sets.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config(en());

export { z };
