/**
 * How a refusal travels over HTTP: the status for each code of the API's vocabulary
 * (server/services/service-error.ts), and the one body shape every error has, so the
 * tablet can show a person something she can act on in her language, and code can
 * branch on `code` alone:
 *
 *   { "error": { "code": "not_found", "message": { "hi": "…", "en": "…" } } }
 *
 * Sync's answers add `serverTime` (docs/sync-protocol.md).
 */
import type { BilingualMessage } from '../../src/domain/protocol.ts';
import { ERROR_MESSAGES, type ErrorCode } from '../services/service-error.ts';

export const STATUS_BY_CODE = {
  invalid_request: 400,
  invalid_cursor: 400,
  not_signed_in: 401,
  invalid_credentials: 401,
  session_expired: 401,
  device_revoked: 401,
  account_disabled: 401,
  bad_device_signature: 401,
  forbidden: 403,
  device_key_mismatch: 403,
  not_found: 404,
  method_not_allowed: 405,
  username_taken: 409,
  device_other_centre: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unknown_centre: 422,
  invalid_role_for_centre: 422,
  weak_password: 422,
  unsupported_protocol_version: 426,
  too_many_attempts: 429,
  too_many_new_devices: 429,
  internal_error: 500,
  database_unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: BilingualMessage; serverTime?: string };
}

export function errorBody(
  code: ErrorCode,
  message: BilingualMessage = ERROR_MESSAGES[code],
  serverTime?: Date,
): ApiErrorBody {
  return serverTime === undefined
    ? { error: { code, message } }
    : { error: { code, message, serverTime: serverTime.toISOString() } };
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
        code: { type: 'string', enum: Object.keys(STATUS_BY_CODE) },
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
