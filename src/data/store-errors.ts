/**
 * Every way a save or read can fail, as a StoreError whose message staff can act on, in
 * Hindi and English. A save that fails has written nothing (its transaction aborted).
 */
import type { FieldProblem } from '../domain/records.ts';
import { StoreError } from './case-store.ts';

export function invalidRecord(problems: readonly (FieldProblem | string)[]): StoreError {
  const details = problems.map((problem) =>
    typeof problem === 'string' ? problem : `${problem.field}: ${problem.detail}`,
  );
  return new StoreError(
    'invalid_record',
    {
      hi: 'कुछ जानकारी सही नहीं है, इसलिए सहेजा नहीं गया। लाल निशान वाले खाने ठीक करके फिर सहेजें।',
      en: 'Some details are not valid, so nothing was saved. Correct the marked fields and save again.',
    },
    { details },
  );
}

export function notFound(what: 'case' | 'entry', id: string): StoreError {
  return new StoreError(
    'not_found',
    what === 'case'
      ? {
          hi: 'यह मामला इस टैबलेट पर नहीं मिला। सूची से दोबारा खोलें।',
          en: 'This case is not on this tablet. Open it again from the list.',
        }
      : {
          hi: 'यह प्रविष्टि इस टैबलेट पर नहीं मिली। मामला दोबारा खोलें।',
          en: 'This entry is not on this tablet. Open the case again.',
        },
    { details: [`${what} ${id}`] },
  );
}

export function stayAlreadyOpen(openStayId: string): StoreError {
  return new StoreError(
    'stay_already_open',
    {
      hi: 'वह पहले से अल्प प्रवास में हैं। नया प्रवास दर्ज करने से पहले पिछले प्रवास से छुट्टी दर्ज करें।',
      en: 'She is already in a short stay. Record the discharge from that stay before admitting her again.',
    },
    { details: [`open stay ${openStayId}`] },
  );
}

export function sealedRowRefused(store: string, id: string, cause?: unknown): StoreError {
  return new StoreError(
    'sealed_row_refused',
    {
      hi: 'इस टैबलेट पर रखी कुछ जानकारी खोली नहीं जा सकी: वह बदली गई है या किसी दूसरी कुंजी की है। ऐप बंद करके फिर खोलें; बात बनी रहे तो केंद्र प्रबंधक को बताएँ।',
      en: 'Some records kept on this tablet could not be opened: they were altered or belong to another key. Close and reopen the app; if it stays, tell the centre manager.',
    },
    { cause, details: [`${store} ${id}`] },
  );
}

export function lockedStore(): StoreError {
  return new StoreError('locked', {
    hi: 'ऐप बंद (लॉक) है। जारी रखने के लिए अपना पिन डालें।',
    en: 'The app is locked. Enter your PIN to go on.',
  });
}

function isQuotaError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    const { name, inner } = cause as { name?: unknown; inner?: unknown };
    if (name === 'QuotaExceededError') return true;
    cause = inner ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Any failure inside a store operation, as the StoreError the contract promises. */
export function toStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  if (isQuotaError(error)) {
    return new StoreError(
      'storage_full',
      {
        hi: 'टैबलेट की जगह भर गई है, इसलिए सहेजा नहीं गया। फ़ोटो, वीडियो या दूसरे ऐप हटाकर जगह बनाएँ, फिर दोबारा सहेजें। भरी हुई जानकारी इस फ़ॉर्म में बनी रहेगी।',
        en: 'The tablet is out of space, so nothing was saved. Free some space (delete photos, videos or other apps), then save again. What you typed stays in this form.',
      },
      { cause: error },
    );
  }
  return new StoreError(
    'storage_unavailable',
    {
      hi: 'टैबलेट का भंडारण अभी उपलब्ध नहीं है, इसलिए सहेजा नहीं गया। ऐप बंद करके फिर खोलें और दोबारा सहेजें।',
      en: 'The tablet’s storage is not available just now, so nothing was saved. Close and reopen the app, then save again.',
    },
    {
      cause: error,
      details: [error instanceof Error ? `${error.name}: ${error.message}` : String(error)],
    },
  );
}
