// Self-healing for counts kept by the change feed. Races (a change landing between the feed page
// and a count, the counts of a first load taken around the probe of W) can leave a count off, so
// every third cycle one group on screen is counted again, rotating over them. The audit counts
// only the workitems unchanged since W (`modifiedAt:<=W`): whatever the moment the count is taken
// at, each of them is where it was at W. The next feed page lists every workitem changed since W;
// each is in the count or not, depending on whether it changed before the count was taken (which
// cannot be known), so the page bounds the group's count at W to a range. A model count outside
// that range is wrong for sure and is moved to the nearest bound; with no changed workitem that
// was in the group at W, the range is one number and the count is exact.
/** Every this many feed cycles one group is re-counted (a cycle costs at most 2 requests). */
export const AUDIT_EVERY_CYCLES = 3;

export interface AuditStats {
  /** Counts requested for the audit. */
  readonly audits: number;
  /** Audits settled against the next page (its W unchanged, the group still kept by the feed). */
  readonly compared: number;
  /** Model counts outside the range the audit allowed, corrected. */
  readonly corrections: number;
}

export interface AuditCorrection {
  readonly groupId: string;
  readonly count: number;
}

/** What the next page says about the audited group's workitems changed since W. */
export interface AuditedGroup {
  /** The model's count of the group at W (the page not applied yet). */
  readonly modelCount: number;
  /** Changed workitems the model counted in the group at W. */
  readonly countedAtW: number;
  /** Changed workitems the audit saw in the group if it counted before they changed. */
  readonly auditMaySee: number;
}

interface PendingAudit {
  readonly groupId: string;
  /** Workitems in the group unchanged since W, when the count was taken. */
  readonly unchanged: number;
  /** The W the count was taken against: only a page from that W settles it. */
  readonly since: object;
}

export class CountAudit {
  private feedCycles = 0;
  private rotation = 0;
  private pending: PendingAudit | undefined;
  private audits = 0;
  private compared = 0;
  private corrections = 0;

  stats(): AuditStats {
    return { audits: this.audits, compared: this.compared, corrections: this.corrections };
  }

  /** A full re-count makes a pending audit pointless, and a reset makes it wrong. */
  forget(): void {
    this.pending = undefined;
  }

  /**
   * Settles the pending audit against the next page, sent from `since`: `assess` reads the page
   * for a group (undefined: the feed no longer keeps it). Returns the corrected count, if wrong.
   */
  settle(since: object, assess: (groupId: string) => AuditedGroup | undefined): AuditCorrection | undefined {
    const pending = this.pending;
    this.pending = undefined;
    const group = pending !== undefined && pending.since === since ? assess(pending.groupId) : undefined;
    if (pending === undefined || group === undefined) {
      return undefined;
    }
    this.compared++;
    // model = unchanged + countedAtW when right; the audit's own count of the changed ones is 0..auditMaySee.
    const highest = pending.unchanged + group.countedAtW;
    const lowest = Math.max(0, highest - group.auditMaySee);
    const count = Math.min(highest, Math.max(lowest, group.modelCount));
    if (count === group.modelCount) {
      return undefined;
    }
    this.corrections++;
    return { groupId: pending.groupId, count };
  }

  /** Called once per applied feed cycle: the group to count now, or undefined (not its turn). */
  nextToCount(candidates: readonly string[]): string | undefined {
    this.feedCycles++;
    if (this.feedCycles % AUDIT_EVERY_CYCLES !== 0 || candidates.length === 0) {
      return undefined;
    }
    const groupId = candidates[this.rotation % candidates.length];
    this.rotation = (this.rotation + 1) % candidates.length;
    return groupId;
  }

  /** `unchanged`: the group's workitems with `modifiedAt` at or before W (`since`), counted now. */
  record(groupId: string, unchanged: number, since: object): void {
    this.audits++;
    this.pending = { groupId, unchanged, since };
  }
}
