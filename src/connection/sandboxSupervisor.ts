// Owns the sandbox child process: starts it once however many callers ask at the same time, lets a
// failed start be retried, notices an exit nobody asked for, and stops it.
import type { Settings } from '../config/settings';
import type { Log } from '../log/log';
import type { SandboxHandle } from './connectionTypes';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class SandboxSupervisor {
  private starting: Promise<SandboxHandle> | undefined;

  constructor(
    private readonly start: (settings: Settings) => Promise<SandboxHandle>,
    private readonly log: Log,
    private readonly onUnexpectedExit: () => void,
  ) {}

  private startedUrl: string | undefined;

  /** The sandbox's base URL once it listens. */
  get url(): string | undefined {
    return this.startedUrl;
  }

  /** Started, or starting. */
  get running(): boolean {
    return this.starting !== undefined;
  }

  ensure(settings: Settings): Promise<SandboxHandle> {
    if (this.starting) {
      return this.starting;
    }
    this.log.info(`Starting the local sandbox (${settings['sandbox.size']} workitems)`);
    const starting = this.start(settings);
    this.starting = starting;
    starting.then(
      (handle) => {
        if (this.starting === starting) {
          this.startedUrl = handle.url;
        }
        this.log.info(`Sandbox listening on ${handle.url}`);
        void handle.exited?.then(() => this.exited(starting));
      },
      () => {
        // Let the next request try again instead of replaying the same failure forever.
        if (this.starting === starting) {
          this.starting = undefined;
        }
      },
    );
    return starting;
  }

  async stop(): Promise<void> {
    const starting = this.starting;
    // Forgotten first, so that the exit this causes is not taken for a crash.
    this.starting = undefined;
    this.startedUrl = undefined;
    if (!starting) {
      return;
    }
    try {
      const handle = await starting;
      await handle.stop();
      this.log.info('Sandbox stopped');
    } catch (error) {
      this.log.warn(`Stopping the sandbox: ${messageOf(error)}`);
    }
  }

  private exited(which: Promise<SandboxHandle>): void {
    if (this.starting !== which) {
      return;
    }
    this.starting = undefined;
    this.startedUrl = undefined;
    this.log.error('The sandbox process exited unexpectedly; it restarts with the next request');
    this.onUnexpectedExit();
  }
}
