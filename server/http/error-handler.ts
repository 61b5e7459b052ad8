/**
 * Turns every failure into the one API error shape (./api-errors.ts). A person may see
 * the message, so it is always given in Hindi and English; internals never leak.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  API_ERRORS,
  ApiError,
  errorBody,
  type ApiErrorBody,
  type ApiErrorCode,
} from './api-errors.ts';

// Fastify's and its plugins' client errors (body too large, bad JSON, unknown
// Content-Encoding…) all carry a 4xx statusCode; we answer by status.
const CODES_BY_STATUS: Record<number, ApiErrorCode> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

export function handleError(
  error: FastifyError | ApiError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  const body = toErrorBody(error);
  if (error instanceof ApiError) void reply.headers(error.headers);
  const status = API_ERRORS[body.error.code].status;
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.error.code, reason: error.message }, 'request refused');
  return reply.code(status).send(body);
}

function toErrorBody(error: FastifyError | ApiError | Error): ApiErrorBody {
  if (error instanceof ApiError) return errorBody(error.code, error.localized);
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    const { hi, en } = API_ERRORS.invalid_request.message;
    // The English half names the field, for whoever debugs the app; the Hindi half stays
    // plain, since a staff member can do nothing with a schema path.
    return errorBody('invalid_request', { hi, en: `${en} (${error.message})` });
  }
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) return errorBody(CODES_BY_STATUS[status] ?? 'invalid_request');
  return errorBody('internal_error');
}
