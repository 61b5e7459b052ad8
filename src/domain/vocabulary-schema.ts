// Apart from vocabulary.ts so that showing a label (the case list, the first screen a
// signed-in tablet opens) does not load zod.
import { z } from './zod.ts';
import { codesOf, type Vocabulary } from './vocabulary.ts';

/** A zod enum of the vocabulary's codes, keeping their literal types. */
export function toCodeSchema<const V extends Vocabulary>(vocabulary: V) {
  if (vocabulary.length === 0) throw new RangeError('a vocabulary needs at least one term');
  return z.enum(codesOf(vocabulary));
}
