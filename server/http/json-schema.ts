/**
 * Small builders for the JSON Schemas on routes. Objects are closed (no unknown fields)
 * and every listed property is required unless named optional, matching the zod
 * contracts in src/domain/auth-protocol.ts; server/routes/contract tests hold the two
 * together.
 */
export const stringSchema = { type: 'string' } as const;
export const nullableStringSchema = { type: ['string', 'null'] } as const;
export const instantSchema = { type: 'string', format: 'date-time' } as const;
export const nullableInstantSchema = {
  anyOf: [{ type: 'string', format: 'date-time' }, { type: 'null' }],
} as const;

export function objectSchema(
  properties: Record<string, unknown>,
  optional: readonly string[] = [],
) {
  return {
    type: 'object',
    additionalProperties: false,
    required: Object.keys(properties).filter((key) => !optional.includes(key)),
    properties,
  } as const;
}

export function arraySchema(items: unknown) {
  return { type: 'array', items } as const;
}
