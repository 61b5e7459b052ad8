// Apart from hlc.ts so that the clock (read on the first screen) does not load zod.
import { z } from './zod.ts';
import { stampPattern } from './hlc.ts';

export const stampSchema = z.string().check(z.regex(stampPattern, 'not a valid stamp'));
