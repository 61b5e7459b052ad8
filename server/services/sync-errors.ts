/**
 * Why a whole push or pull is refused (as opposed to one mutation, see sync-reasons.ts):
 * a stable code, the HTTP status the route answers with, and a message in both languages.
 */
import type { BilingualMessage } from '../../src/domain/protocol.ts';
import { isSupportedProtocolVersion } from '../../src/domain/protocol.ts';

export const SYNC_REQUEST_ERRORS = {
  unsupported_protocol_version: {
    status: 426,
    message: {
      hi: 'यह ऐप पुराना है और सर्वर से सिंक नहीं कर सकता। ऐप अपडेट करें; टैबलेट पर सहेजा गया डेटा सुरक्षित है।',
      en: 'This version of the app can no longer sync with the server. Update the app; what is saved on the tablet is safe.',
    },
  },
  device_mismatch: {
    status: 403,
    message: {
      hi: 'यह अनुरोध उस टैबलेट का नहीं है जिससे साइन इन किया गया है। ऐप बंद करके फिर से खोलें।',
      en: 'This request names another tablet than the one signed in. Close and reopen the app.',
    },
  },
  headquarters_no_records: {
    status: 403,
    message: {
      hi: 'मुख्यालय की भूमिकाएँ केस रिकॉर्ड सिंक नहीं करतीं; वे बिना पहचान वाली रिपोर्ट देखती हैं।',
      en: 'Headquarters roles do not sync case records; they see de-identified reports.',
    },
  },
  invalid_cursor: {
    status: 400,
    message: {
      hi: 'सिंक की स्थिति (cursor) सही नहीं है। ऐप शुरू से सिंक करेगा।',
      en: 'The sync position (cursor) is not valid. The app will sync from the beginning.',
    },
  },
} as const satisfies Record<string, { status: number; message: BilingualMessage }>;

export type SyncRequestErrorKind = keyof typeof SYNC_REQUEST_ERRORS;

/** The wire code: both 403s answer `forbidden`, with their own message. */
const WIRE_CODES: Record<SyncRequestErrorKind, string> = {
  unsupported_protocol_version: 'unsupported_protocol_version',
  device_mismatch: 'forbidden',
  headquarters_no_records: 'forbidden',
  invalid_cursor: 'invalid_cursor',
};

export class SyncRequestError extends Error {
  readonly code: string;
  readonly statusCode: number;
  readonly localized: BilingualMessage;
  constructor(readonly kind: SyncRequestErrorKind) {
    super(SYNC_REQUEST_ERRORS[kind].message.en);
    this.name = 'SyncRequestError';
    this.code = WIRE_CODES[kind];
    this.statusCode = SYNC_REQUEST_ERRORS[kind].status;
    this.localized = SYNC_REQUEST_ERRORS[kind].message;
  }
}

export function assertSupportedProtocol(version: number): void {
  if (!isSupportedProtocolVersion(version)) {
    throw new SyncRequestError('unsupported_protocol_version');
  }
}
