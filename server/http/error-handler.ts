/**
 * Turns every failure into the one API error shape (./api-errors.ts). A person may see
 * the message, so it is always given in Hindi and English; internals never leak.
 *
 * What must hold: this is the only place a thrown error becomes a status, headers and a
 * body, for the whole API, sync included; routes and services only throw.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { WireFormatError } from '../../src/domain/wire-group-schemas.ts';
import { ServiceError, refuseInvalidRequest, type ErrorCode } from '../services/service-error.ts';
import { STATUS_BY_CODE, errorBody } from './api-errors.ts';

// Fastify's and its plugins' client errors (body too large, bad JSON, bad gzip, unknown
// Content-Encoding…) carry only a 4xx statusCode; we answer by status.
const CODES_BY_STATUS: Record<number, ErrorCode> = {
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

type ThrownError = FastifyError | Error;

export function handleError(
  error: ThrownError,
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  return sendError(error, request, reply);
}

/** For sync's routes: every answer, errors included, carries the server's time. */
export function handleErrorWithServerTime(now: () => Date) {
  return (error: ThrownError, request: FastifyRequest, reply: FastifyReply): FastifyReply =>
    sendError(error, request, reply, now());
}

function sendError(
  error: ThrownError,
  request: FastifyRequest,
  reply: FastifyReply,
  serverTime?: Date,
): FastifyReply {
  const refusal = toServiceError(error);
  const status = STATUS_BY_CODE[refusal.code];
  if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: refusal.code, reason: error.message }, 'request refused');
  const { retryAfterSeconds } = refusal.details;
  if (retryAfterSeconds !== undefined) void reply.header('retry-after', String(retryAfterSeconds));
  return reply.code(status).send(errorBody(refusal.code, refusal.localized, serverTime));
}

function toServiceError(error: ThrownError): ServiceError {
  if (error instanceof ServiceError) return error;
  // A body that fits the schema but not the wire's own rules (column lengths…).
  if (error instanceof WireFormatError) return refuseInvalidRequest(error.message);
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) return refuseInvalidRequest(error.message);
  const status = fastifyError.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new ServiceError(CODES_BY_STATUS[status] ?? 'invalid_request');
  }
  return new ServiceError('internal_error');
}
