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
  constructor(
    readonly code: ApiErrorCode,
    readonly localized: LocalizedMessage = API_ERRORS[code].message,
    options?: { cause?: unknown },
  ) {
    super(localized.en, options);
    this.name = 'ApiError';
    this.statusCode = API_ERRORS[code].status;
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
