// One RateGate per tenant (by origin), shared by every client made for it: signing in again, the
// tree, the panels and the workbench all draw on the same budget, so a 429 slows them together.
import { RateGate, type RateGateState } from '../api/rateGate';

export class RateGates {
  private readonly gates = new Map<string, RateGate>();
  private readonly listeners = new Set<(origin: string, state: RateGateState) => void>();

  gateFor(location: string): RateGate {
    const origin = originOf(location);
    let gate = this.gates.get(origin);
    if (!gate) {
      gate = new RateGate();
      gate.onDidChange((state) => this.listeners.forEach((listener) => listener(origin, state)));
      this.gates.set(origin, gate);
    }
    return gate;
  }

  /** The tenant's gate state now (nothing waits when the tenant was never refused). */
  stateOf(location: string): RateGateState {
    return this.gates.get(originOf(location))?.state() ?? {};
  }

  /** A tenant answered 429: `origin` is the tenant, `state` how requests to it wait now. */
  onDidSlowDown(listener: (origin: string, state: RateGateState) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}

function originOf(location: string): string {
  try {
    return new URL(location).origin;
  } catch {
    return location;
  }
}
