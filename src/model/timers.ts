// The one timer abstraction: injected wherever code waits (debouncing, refreshing, polling a panel,
// token renewal, live reconnection) so tests drive time instead of waiting for it.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
