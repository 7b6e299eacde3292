// Production is read-only until someone says otherwise. A protected tenant (every NCX tenant unless
// the `ncx.protected` setting is turned off; never the local sandbox) refuses actions until they are
// allowed for a while, after a modal confirmation naming the tenant. Allowances live in memory only:
// a reload, or the time running out, locks the tenant again. No `vscode` import.

export const UNLOCK_MINUTES = 15;

export class ActionLock {
  private readonly allowedUntil = new Map<string, number>();
  private readonly listeners = new Set<() => void>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Whether actions on `tenant` are refused now. */
  isLocked(tenant: string | undefined, protectedTenant: boolean): boolean {
    return protectedTenant && tenant !== undefined && this.remainingMs(tenant) === 0;
  }

  /** Milliseconds left of an allowance (0 when none). */
  remainingMs(tenant: string): number {
    const until = this.allowedUntil.get(tenant);
    return until === undefined ? 0 : Math.max(0, until - this.now());
  }

  /** Allows actions on `tenant` for `minutes`; returns until when. */
  allow(tenant: string, minutes = UNLOCK_MINUTES): number {
    const until = this.now() + minutes * 60_000;
    this.allowedUntil.set(tenant, until);
    this.tell();
    return until;
  }

  /** Ends an allowance early. */
  lock(tenant: string): boolean {
    const had = this.allowedUntil.delete(tenant);
    if (had) this.tell();
    return had;
  }

  /** Forgets allowances whose time is up, telling listeners when one ended. */
  expire(): void {
    let ended = false;
    for (const [tenant, until] of this.allowedUntil) {
      if (until <= this.now()) {
        this.allowedUntil.delete(tenant);
        ended = true;
      }
    }
    if (ended) this.tell();
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private tell(): void {
    this.listeners.forEach((listener) => listener());
  }
}
