// What the HTTP layer needs from the rest of the sandbox.
import type { TokenService } from '../auth/tokens';
import type { UserDirectory } from '../auth/users';
import type { WorkitemStore } from '../contracts';
import type { FaultInjector } from '../faults/faultRules';
import type { DurableStore } from '../persistence/durableStore';
import type { TrafficSimulator } from '../traffic/simulator';
import type { RateLimiter } from './rateLimiter';

export interface ServerDeps {
  store: WorkitemStore;
  mutations: DurableStore;
  users: UserDirectory;
  tokens: TokenService;
  now: () => number;
  /** The sandbox's own origin, e.g. `http://127.0.0.1:7357`; known only once it listens. */
  baseUrl: () => string;
  maxBodyBytes: number;
  /** Present only when fault injection is allowed. */
  faults: FaultInjector | undefined;
  /** Living traffic, which the test hooks may pause (absent: traffic is off). */
  traffic?: TrafficSimulator;
  /** Present with `--rate-limit`: requests past the limit are answered 429. */
  rateLimiter?: RateLimiter;
  /** Where unexpected errors are reported. */
  log: (message: string) => void;
}
