/**
 * Why a whole push or pull is refused (as opposed to one mutation, see sync-reasons.ts).
 * Each is a ServiceError: both of these answer `forbidden`, with their own message.
 */
import type { BilingualMessage } from '../../src/domain/protocol.ts';
import { isSupportedProtocolVersion } from '../../src/domain/protocol.ts';
import { ServiceError } from './service-error.ts';

export const SYNC_FORBIDDEN_MESSAGES = {
  device_mismatch: {
    hi: 'यह अनुरोध उस टैबलेट का नहीं है जिससे साइन इन किया गया है। ऐप बंद करके फिर से खोलें।',
    en: 'This request names another tablet than the one signed in. Close and reopen the app.',
  },
  headquarters_no_records: {
    hi: 'मुख्यालय की भूमिकाएँ केस रिकॉर्ड सिंक नहीं करतीं; वे बिना पहचान वाली रिपोर्ट देखती हैं।',
    en: 'Headquarters roles do not sync case records; they see de-identified reports.',
  },
} as const satisfies Record<string, BilingualMessage>;

export function refuseSync(reason: keyof typeof SYNC_FORBIDDEN_MESSAGES): ServiceError {
  return new ServiceError('forbidden', { message: SYNC_FORBIDDEN_MESSAGES[reason] });
}

export function assertSupportedProtocol(version: number): void {
  if (!isSupportedProtocolVersion(version)) {
    throw new ServiceError('unsupported_protocol_version');
  }
}
