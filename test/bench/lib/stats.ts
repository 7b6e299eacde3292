// Small statistics for benchmark samples: medians and percentiles of millisecond timings.

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Nearest-rank percentile (p in 0..100) of the samples; NaN for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) {
    return Number.NaN;
  }
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Milliseconds an async task took. */
export async function timed<T>(task: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await task();
  return { ms: performance.now() - started, value };
}

/** Milliseconds a synchronous task took. */
export function timedSync<T>(task: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = task();
  return { ms: performance.now() - started, value };
}

/** `1.23 ms`, `456 ms`: two decimals below 10 ms, where they still mean something. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value).toLocaleString('en-US')} ms`;
}

export function ratio(value: number): string {
  if (!Number.isFinite(value)) {
    return 'n/a';
  }
  return value >= 10 ? `${Math.round(value).toLocaleString('en-US')}×` : `${value.toFixed(2)}×`;
}

export function bytes(value: number): string {
  if (Math.abs(value) >= 1024 * 1024) {
    return `${(value / 1024 / 1024).toFixed(2)} MB`;
  }
  return `${(value / 1024).toFixed(1)} KB`;
}

export function count(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}
