/**
 * The one error a request can be refused with, wherever the refusal is decided: a stable
 * code from the API's vocabulary (docs/api.md, docs/sync-protocol.md) and a message a
 * person can act on, in Hindi and English.
 *
 * What must hold: a ServiceError says what went wrong, never how HTTP says it. The status
 * for each code, and headers such as Retry-After, are chosen once in server/http/
 * (api-errors.ts, error-handler.ts), so the CLI and tests see the same refusal as the
 * tablet does. Anything else thrown is a bug, answered `internal_error`.
 */
import type { BilingualMessage } from '../../src/domain/protocol.ts';

/** Every code the API answers with, and the message it carries unless a refusal names its own. */
export const ERROR_MESSAGES = {
  invalid_request: {
    hi: 'अनुरोध सही नहीं है। ऐप को अपडेट करके फिर से कोशिश करें।',
    en: 'The request is not valid. Update the app and try again.',
  },
  invalid_cursor: {
    hi: 'सिंक की स्थिति (cursor) सही नहीं है। ऐप शुरू से सिंक करेगा।',
    en: 'The sync position (cursor) is not valid. The app will sync from the beginning.',
  },
  not_signed_in: {
    hi: 'पहले साइन इन करें।',
    en: 'Sign in first.',
  },
  invalid_credentials: {
    hi: 'यूज़रनेम या पासवर्ड सही नहीं है।',
    en: 'The username or password is not correct.',
  },
  session_expired: {
    hi: 'आपका सत्र समाप्त हो गया है। इंटरनेट से जुड़कर फिर से साइन इन करें; टैबलेट पर सहेजा गया डेटा सुरक्षित है।',
    en: 'Your session has ended. Connect to the internet and sign in again; what is saved on the tablet is safe.',
  },
  device_revoked: {
    hi: 'मुख्यालय ने इस टैबलेट की पहुँच बंद कर दी है। अपने केंद्र प्रबंधक से संपर्क करें।',
    en: 'Headquarters has revoked this tablet. Contact your centre manager.',
  },
  device_key_mismatch: {
    hi: 'यह टैबलेट पहचान किसी दूसरे टैबलेट की है। ऐप नई पहचान बनाकर फिर साइन इन करेगा।',
    en: 'This tablet identity belongs to another tablet. The app will make a new identity and sign in again.',
  },
  bad_device_signature: {
    hi: 'टैबलेट की पहचान जाँची नहीं जा सकी। ऐप नई पहचान बनाकर फिर साइन इन करेगा।',
    en: 'The tablet’s identity could not be verified. The app will make a new identity and sign in again.',
  },
  device_other_centre: {
    hi: 'यह टैबलेट किसी दूसरे केंद्र का है। आगे बढ़ने पर उस केंद्र का सारा डेटा इस टैबलेट से मिटा दिया जाएगा।',
    en: 'This tablet belongs to another centre. Going on erases all of that centre’s data from this tablet.',
  },
  account_disabled: {
    hi: 'यह खाता बंद कर दिया गया है। अपने केंद्र प्रबंधक या मुख्यालय से संपर्क करें।',
    en: 'This account has been disabled. Contact your centre manager or headquarters.',
  },
  forbidden: {
    hi: 'आपकी भूमिका में यह अनुमति नहीं है।',
    en: 'Your role does not allow this.',
  },
  not_found: {
    hi: 'यह पता सर्वर पर नहीं है।',
    en: 'There is nothing at this address on the server.',
  },
  method_not_allowed: {
    hi: 'इस पते पर यह अनुरोध नहीं किया जा सकता।',
    en: 'This address does not accept this request.',
  },
  username_taken: {
    hi: 'यह यूज़रनेम पहले से किसी और का है। दूसरा चुनें।',
    en: 'This username is already taken. Choose another.',
  },
  weak_password: {
    hi: 'यह पासवर्ड आसानी से अनुमान लगाया जा सकता है। कोई और पासवर्ड चुनें।',
    en: 'This password is easy to guess. Choose another.',
  },
  unknown_centre: {
    hi: 'यह केंद्र सर्वर पर नहीं है।',
    en: 'There is no such centre on the server.',
  },
  invalid_role_for_centre: {
    hi: 'केंद्र के कर्मचारी को एक केंद्र चाहिए; मुख्यालय की भूमिका किसी केंद्र की नहीं होती।',
    en: 'Centre staff need a centre; a headquarters role belongs to no centre.',
  },
  payload_too_large: {
    hi: 'भेजा गया डेटा बहुत बड़ा है (सीमा 1 MB)। ऐप इसे छोटे हिस्सों में भेजेगा।',
    en: 'The data sent is too large (limit 1 MB). The app will send it in smaller parts.',
  },
  unsupported_media_type: {
    hi: 'सर्वर यह डेटा प्रारूप नहीं पढ़ सकता।',
    en: 'The server cannot read this data format.',
  },
  unsupported_protocol_version: {
    hi: 'यह ऐप पुराना है और सर्वर से सिंक नहीं कर सकता। ऐप अपडेट करें; टैबलेट पर सहेजा गया डेटा सुरक्षित है।',
    en: 'This version of the app can no longer sync with the server. Update the app; what is saved on the tablet is safe.',
  },
  too_many_attempts: {
    hi: 'बहुत बार गलत पासवर्ड डाला गया। 15 मिनट बाद फिर कोशिश करें।',
    en: 'Too many wrong passwords. Try again in 15 minutes.',
  },
  too_many_new_devices: {
    hi: 'आज बहुत से नए टैबलेट पर साइन इन हो चुका है। पहले से इस्तेमाल हो रहे टैबलेट पर साइन इन करें, या कल फिर कोशिश करें।',
    en: 'Too many new tablets have been signed in today. Sign in on a tablet already in use, or try again tomorrow.',
  },
  database_unavailable: {
    hi: 'सर्वर अभी डेटाबेस तक नहीं पहुँच पा रहा। आपका डेटा टैबलेट पर सुरक्षित है; बाद में अपने-आप भेजा जाएगा।',
    en: 'The server cannot reach its database right now. Your data is safe on the tablet and will be sent later.',
  },
  internal_error: {
    hi: 'सर्वर में गड़बड़ी हुई। आपका डेटा टैबलेट पर सुरक्षित है; बाद में अपने-आप भेजा जाएगा।',
    en: 'Something went wrong on the server. Your data is safe on the tablet and will be sent later.',
  },
} as const satisfies Record<string, BilingualMessage>;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** What a caller may need besides the message to act on the refusal. */
export interface ServiceErrorDetails {
  /** too_many_attempts, too_many_new_devices: how long until the count starts afresh. */
  retryAfterSeconds?: number;
}

export class ServiceError extends Error {
  readonly localized: BilingualMessage;
  readonly details: ServiceErrorDetails;
  constructor(
    readonly code: ErrorCode,
    options: { message?: BilingualMessage; details?: ServiceErrorDetails; cause?: unknown } = {},
  ) {
    const localized = options.message ?? ERROR_MESSAGES[code];
    super(localized.en, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ServiceError';
    this.localized = localized;
    this.details = options.details ?? {};
  }
}

/**
 * A request that does not fit its schema or the wire's rules. The English half names the
 * field or rule, for whoever debugs the app; the Hindi half stays plain, since a staff
 * member can do nothing with a schema path.
 */
export function refuseInvalidRequest(detail: string): ServiceError {
  const { hi, en } = ERROR_MESSAGES.invalid_request;
  return new ServiceError('invalid_request', { message: { hi, en: `${en} (${detail})` } });
}
