// What the real-network suite (running inside VS Code) hands to benchmark 11 (running in Node):
// one line of JSON per round and configuration.
import { z } from 'zod';

export const NetworkRoundSchema = z.object({
  configuration: z.string(),
  /** Each step's network share: (time with 100 ms each way − time without) / RTT. */
  shares: z.record(z.string(), z.number()),
});

/** A round as written, with the configuration's totals over all its rounds. */
export const NetworkFigureSchema = NetworkRoundSchema.extend({
  requests: z.number().int(),
  connections: z.number().int(),
  handshakes: z.number().int(),
  tunnels: z.number().int(),
});

export type NetworkRound = z.infer<typeof NetworkRoundSchema>;
export type NetworkFigure = z.infer<typeof NetworkFigureSchema>;
