/**
 * `GET /api/health`, the one route that needs no session: load balancers poll it, and the
 * tablet reads whether the server is a demo (to label it) and the server's time.
 */
import { z } from './zod.ts';

// Not strict, unlike the accounts answers: a tablet must keep reading health from a
// newer server that reports more about itself.
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  protocolVersion: z.number().check(z.int()),
  serverTime: z.iso.datetime(),
  /** True when the server was started with demo accounts (`npm start`); never in production. */
  demo: z.boolean(),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;
