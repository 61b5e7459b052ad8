/**
 * Which rows a listing returns, once permissions have allowed it: every row, or one
 * centre's (centreId null: rows of no centre, i.e. headquarters').
 */
export type RowFilter = { kind: 'all' } | { kind: 'centre'; centreId: string | null };
