// What the runner hands every benchmark: the shared million-workitem sandbox (started once, on
// first use) and the size it was asked for.
import type { BenchSandbox } from './sandboxChild';

export interface BenchContext {
  /** Workitems in the shared sandbox (1,000,000 unless the run asked for fewer). */
  readonly size: number;
  /** How long benchmark 10 tails 400× traffic (`--tail-minutes`, 10 by default). */
  readonly tailMinutes: number;
  /** The shared sandbox, traffic off; started on first call, stopped by the runner. */
  sandbox(): Promise<BenchSandbox>;
  /** A folder of this run's own, removed at the end. */
  readonly tempDir: string;
}
