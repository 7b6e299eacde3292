// How the simulator is driven. The CLI uses real timers; tests call `tick()` themselves or pass a
// scheduler of their own.

export interface TrafficScheduler {
  /** Runs `task` every `intervalMs`; returns a function that cancels it. */
  every(intervalMs: number, task: () => void): () => void;
}

export const timerScheduler: TrafficScheduler = {
  every(intervalMs, task) {
    const handle = setInterval(task, intervalMs);
    return () => clearInterval(handle);
  },
};
