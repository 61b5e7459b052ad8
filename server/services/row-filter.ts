/**
 * Which rows a listing returns, once permissions have allowed it: every row, or one
 * centre's (centreId null: rows of no centre, i.e. headquarters').
 */
import type { Scope } from './permissions.ts';
import { ServiceError } from './service-error.ts';

export type RowFilter = { kind: 'all' } | { kind: 'centre'; centreId: string | null };

/**
 * What a listing returns: the requested centre (`headquarters` for rows of no centre)
 * if `isAllowed`, else forbidden; with nothing requested, the actor's whole scope
 * (forbidden if it has none).
 */
export function resolveListFilter(
  scope: Scope,
  requested: string | undefined,
  isAllowed: (centreId: string | null) => boolean,
): RowFilter {
  if (requested !== undefined) {
    const centreId = requested === 'headquarters' ? null : requested.toLowerCase();
    if (!isAllowed(centreId)) throw new ServiceError('forbidden');
    return { kind: 'centre', centreId };
  }
  if (scope.kind === 'none') throw new ServiceError('forbidden');
  return scope.kind === 'all' ? { kind: 'all' } : { kind: 'centre', centreId: scope.centreId };
}
