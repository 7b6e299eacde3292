// Self-healing for counts kept by the change feed. Races (a change landing between the feed page
// and a count, the counts of a first load taken around the probe of W) can leave a count off, so
// every third cycle (every cycle in the sweep after counts taken the classic way) one group on
// screen is counted again, rotating over them, in the cycle's feed request (auditedFeed.ts):
// `(<group> AND modifiedAt:<=W) OR modifiedAt:>W`, newest first. Its total holds every
// workitem unchanged since W that is in the group, plus every workitem changed since W once,
// wherever it is; its first row's `modifiedAt` (M) marks the server's time at the count: a change
// stamped before M had happened, one stamped after M had not (else its workitem would come first).
// The next feed page lists every workitem changed since W with its timeline, so each one's part in
// the total is known, and so is the group's count at W: exact, unless a change is stamped exactly
// at M and the answer's rows do not show whether it had happened (they hold every workitem stamped
// M unless cut off), or its time cannot be read: that leaves a range. A count outside it is corrected.
/** Every this many feed cycles one group is re-counted (riding on the cycle's feed request). */
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

/** What the audit's answer says about the moment its total was taken. */
export interface AuditMarker {
  /** The answer's total. */
  readonly total: number;
  /** The newest `modifiedAt` of the answer (-Infinity when it is empty). */
  readonly newest: number;
  /** The workitem that carries it: its change at `newest` had happened for sure. */
  readonly newestId: string | undefined;
  /**
   * Every workitem of the answer stamped `newest`, when the answer holds all of them (a row older
   * than `newest` follows, or the answer is whole): a change stamped `newest` had happened at the
   * count exactly when its workitem is among them.
   */
  readonly atNewest?: ReadonlySet<string>;
}

/** The marker of an audit answer (its rows newest first). */
export function markerOf(page: { total: number; items: readonly { workitemId: string; modifiedAt?: number }[] }): AuditMarker {
  const [first] = page.items;
  const newest = first?.modifiedAt ?? -Infinity;
  const tied = page.items.filter((item) => item.modifiedAt === newest);
  const whole = tied.length < page.items.length || page.items.length >= page.total;
  return {
    total: page.total,
    newest,
    newestId: first?.workitemId,
    ...(whole && first !== undefined ? { atNewest: new Set(tied.map((item) => item.workitemId)) } : {}),
  };
}

/** A workitem of the next feed page, as far as the audited group is concerned. */
export interface AuditedChange {
  readonly workitemId: string;
  /** In the group at W, as the model counted it. */
  readonly inGroupAtW: boolean;
  /**
   * In the group after its changes stamped exactly W that the counts did not hold (what a count
   * taken before its next change saw); equal to `inGroupAtW` without such changes.
   */
  readonly inGroupAfterW: boolean;
  /** Whether it has changes stamped exactly W that the counts did not hold. */
  readonly changedAtW: boolean;
  /**
   * When its `modifiedAt` first went past W (its first listing event after W), or undefined when
   * its timeline does not say (a change it does not record): then either is possible.
   */
  readonly leftW: number | undefined;
}

/** What the next page says about the audited group. */
export interface AuditedGroup {
  /** The model's count of the group at W (the page not applied yet). */
  readonly modelCount: number;
  /** Every workitem the page lists as changed since W. */
  readonly changes: readonly AuditedChange[];
}

interface PendingAudit {
  readonly groupId: string;
  readonly marker: AuditMarker;
  /** The W the count was taken against: only a page from that W settles it. */
  readonly since: object;
  readonly sinceAt: number;
}

/**
 * The group's count at W the audit allows: total − (each change's part in the total) + (the
 * changes in the group at W). A part is 1 when the change had gone past W at the count, else its
 * membership then; an ambiguous change contributes both possibilities, hence a range.
 */
export function countRangeAtW(marker: AuditMarker, sinceAt: number, changes: readonly AuditedChange[]): { lowest: number; highest: number } {
  let lowest = marker.total;
  let highest = marker.total;
  for (const change of changes) {
    const parts = possibleParts(marker, sinceAt, change);
    const atW = Number(change.inGroupAtW);
    lowest += atW - Math.max(...parts);
    highest += atW - Math.min(...parts);
  }
  return { lowest: Math.max(0, lowest), highest: Math.max(0, highest) };
}

/** The values (0 or 1) a changed workitem may have added to the audit's total. */
function possibleParts(marker: AuditMarker, sinceAt: number, change: AuditedChange): number[] {
  // A change after W at the count: time had passed W, so any change stamped W had happened too.
  const unchangedParts = marker.newest > sinceAt || !change.changedAtW ? [Number(change.inGroupAfterW)] : [Number(change.inGroupAtW), Number(change.inGroupAfterW)];
  const left = change.leftW;
  if (left === undefined) {
    return [1, ...unchangedParts];
  }
  if (left < marker.newest || (left === marker.newest && change.workitemId === marker.newestId)) {
    return [1];
  }
  if (left === marker.newest && marker.atNewest !== undefined) {
    return marker.atNewest.has(change.workitemId) ? [1] : unchangedParts;
  }
  return left > marker.newest ? unchangedParts : [1, ...unchangedParts];
}

export class CountAudit {
  private feedCycles = 0;
  private rotation = 0;
  private sweeping = false;
  /** Audits left in the sweep (set from the candidates at its first audit). */
  private sweepLeft: number | undefined;
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
   * Counts taken the classic way (a first paint, a group expanded) are where the races are: until
   * every group on screen has been audited once, audit one each cycle instead of every third.
   */
  sweep(): void {
    this.sweepLeft = undefined;
    this.sweeping = true;
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
    const { lowest, highest } = countRangeAtW(pending.marker, pending.sinceAt, group.changes);
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
    if (candidates.length === 0) {
      return undefined;
    }
    if (this.sweeping) {
      this.sweepLeft = (this.sweepLeft ?? candidates.length) - 1;
      this.sweeping = this.sweepLeft > 0;
    } else if (this.feedCycles % AUDIT_EVERY_CYCLES !== 0) {
      return undefined;
    }
    const groupId = candidates[this.rotation % candidates.length];
    this.rotation = (this.rotation + 1) % candidates.length;
    return groupId;
  }

  /** `marker`: the audit's answer, asked against W (`since`, whose time is `sinceAt`). */
  record(groupId: string, marker: AuditMarker, since: object, sinceAt: number): void {
    this.audits++;
    this.pending = { groupId, marker, since, sinceAt };
  }
}
