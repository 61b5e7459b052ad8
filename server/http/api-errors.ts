/**
 * The one shape every API error has, so the tablet can show a person something she can
 * act on in her language, and code can branch on `code` alone:
 *
 *   { "error": { "code": "not_found", "message": { "hi": "…", "en": "…" } } }
 */
export interface LocalizedMessage {
  hi: string;
  en: string;
}

export const API_ERRORS = {
  invalid_request: {
    status: 400,
    message: {
      hi: 'अनुरोध सही नहीं है। ऐप को अपडेट करके फिर से कोशिश करें।',
      en: 'The request is not valid. Update the app and try again.',
    },
  },
  not_signed_in: {
    status: 401,
    message: {
      hi: 'पहले साइन इन करें।',
      en: 'Sign in first.',
    },
  },
  invalid_credentials: {
    status: 401,
    message: {
      hi: 'यूज़रनेम या पासवर्ड सही नहीं है।',
      en: 'The username or password is not correct.',
    },
  },
  session_expired: {
    status: 401,
    message: {
      hi: 'आपका सत्र समाप्त हो गया है। इंटरनेट से जुड़कर फिर से साइन इन करें; टैबलेट पर सहेजा गया डेटा सुरक्षित है।',
      en: 'Your session has ended. Connect to the internet and sign in again; what is saved on the tablet is safe.',
    },
  },
  device_revoked: {
    status: 401,
    message: {
      hi: 'मुख्यालय ने इस टैबलेट की पहुँच बंद कर दी है। अपने केंद्र प्रबंधक से संपर्क करें।',
      en: 'Headquarters has revoked this tablet. Contact your centre manager.',
    },
  },
  account_disabled: {
    status: 401,
    message: {
      hi: 'यह खाता बंद कर दिया गया है। अपने केंद्र प्रबंधक या मुख्यालय से संपर्क करें।',
      en: 'This account has been disabled. Contact your centre manager or headquarters.',
    },
  },
  forbidden: {
    status: 403,
    message: {
      hi: 'आपकी भूमिका में यह अनुमति नहीं है।',
      en: 'Your role does not allow this.',
    },
  },
  not_found: {
    status: 404,
    message: { hi: 'यह पता सर्वर पर नहीं है।', en: 'There is nothing at this address on the server.' },
  },
  method_not_allowed: {
    status: 405,
    message: {
      hi: 'इस पते पर यह अनुरोध नहीं किया जा सकता।',
      en: 'This address does not accept this request.',
    },
  },
  username_taken: {
    status: 409,
    message: {
      hi: 'यह यूज़रनेम पहले से किसी और का है। दूसरा चुनें।',
      en: 'This username is already taken. Choose another.',
    },
  },
  unknown_centre: {
    status: 422,
    message: {
      hi: 'यह केंद्र सर्वर पर नहीं है।',
      en: 'There is no such centre on the server.',
    },
  },
  invalid_role_for_centre: {
    status: 422,
    message: {
      hi: 'केंद्र के कर्मचारी को एक केंद्र चाहिए; मुख्यालय की भूमिका किसी केंद्र की नहीं होती।',
      en: 'Centre staff need a centre; a headquarters role belongs to no centre.',
    },
  },
  payload_too_large: {
    status: 413,
    message: {
      hi: 'भेजा गया डेटा बहुत बड़ा है (सीमा 1 MB)। ऐप इसे छोटे हिस्सों में भेजेगा।',
      en: 'The data sent is too large (limit 1 MB). The app will send it in smaller parts.',
    },
  },
  unsupported_media_type: {
    status: 415,
    message: {
      hi: 'सर्वर यह डेटा प्रारूप नहीं पढ़ सकता।',
      en: 'The server cannot read this data format.',
    },
  },
  too_many_attempts: {
    status: 429,
    message: {
      hi: 'बहुत बार गलत पासवर्ड डाला गया। 15 मिनट बाद फिर कोशिश करें।',
      en: 'Too many wrong passwords. Try again in 15 minutes.',
    },
  },
  database_unavailable: {
    status: 503,
    message: {
      hi: 'सर्वर अभी डेटाबेस तक नहीं पहुँच पा रहा। आपका डेटा टैबलेट पर सुरक्षित है; बाद में अपने-आप भेजा जाएगा।',
      en: 'The server cannot reach its database right now. Your data is safe on the tablet and will be sent later.',
    },
  },
  internal_error: {
    status: 500,
    message: {
      hi: 'सर्वर में गड़बड़ी हुई। आपका डेटा टैबलेट पर सुरक्षित है; बाद में अपने-आप भेजा जाएगा।',
      en: 'Something went wrong on the server. Your data is safe on the tablet and will be sent later.',
    },
  },
} as const satisfies Record<string, { status: number; message: LocalizedMessage }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/** Throw from a route to answer with this code's status and message. */
export class ApiError extends Error {
  readonly statusCode: number;
  /** Extra response headers, such as Retry-After on 429. */
  readonly headers: Record<string, string>;
  constructor(
    readonly code: ApiErrorCode,
    readonly localized: LocalizedMessage = API_ERRORS[code].message,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(localized.en, options);
    this.name = 'ApiError';
    this.statusCode = API_ERRORS[code].status;
    this.headers = options?.headers ?? {};
  }
}

export interface ApiErrorBody {
  error: { code: ApiErrorCode; message: LocalizedMessage };
}

export function errorBody(
  code: ApiErrorCode,
  message: LocalizedMessage = API_ERRORS[code].message,
): ApiErrorBody {
  return { error: { code, message } };
}

export const apiErrorSchema = {
  $id: 'ApiError',
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: {
        code: { type: 'string', enum: Object.keys(API_ERRORS) },
        message: {
          type: 'object',
          required: ['hi', 'en'],
          additionalProperties: false,
          properties: { hi: { type: 'string' }, en: { type: 'string' } },
        },
      },
    },
  },
} as const;

/** Response schemas for a route: its own success schemas plus the shared error shape. */
export function withErrorResponses<T extends Record<string, unknown>>(success: T) {
  return { ...success, '4xx': { $ref: 'ApiError#' }, '5xx': { $ref: 'ApiError#' } } as const;
}
