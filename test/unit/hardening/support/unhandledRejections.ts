// Records every promise rejection nobody handled while a suite runs. A hostile answer must end as
// an error the caller sees, never as a rejection that escapes into the extension host.

export interface RejectionRecorder {
  readonly reasons: readonly unknown[];
  /** Waits a few turns of the event loop, so a late rejection is recorded before it is read. */
  settle(): Promise<void>;
  stop(): void;
}

export function recordUnhandledRejections(): RejectionRecorder {
  const reasons: unknown[] = [];
  const listener = (reason: unknown): void => {
    reasons.push(reason);
  };
  process.on('unhandledRejection', listener);
  return {
    reasons,
    async settle() {
      for (let turn = 0; turn < 5; turn += 1) {
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },
    stop() {
      process.off('unhandledRejection', listener);
    },
  };
}

export function describeReasons(reasons: readonly unknown[]): string {
  return reasons.map((reason) => (reason instanceof Error ? (reason.stack ?? reason.message) : String(reason))).join('\n');
}
