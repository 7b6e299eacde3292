// Self-healing for counts kept by the change feed. Races (a change landing between the feed page
// and a count, two changes in the same millisecond) can leave a count off by one, so every third
// cycle one group on screen is counted again, rotating over them. That count C is only trusted
// when the NEXT feed page shows no workitem that was in the group at some moment since W and out
// of it at another (moves inside it, like a state change under the root, do not matter; a
// workitem that passed through, or left and came back, does, read from its timeline): then C was
// the group's count at W and still is, and a model count that differs is corrected.

/** Every this many feed cycles one group is re-counted (a cycle costs at most 2 requests). */
export const AUDIT_EVERY_CYCLES = 3;

export interface AuditStats {
  /** Counts requested for the audit. */
  readonly audits: number;
  /** Audits whose group the next page did not move a workitem into or out of, so they were compared. */
  readonly compared: number;
  /** Compared counts that differed from the model's, and were corrected. */
  readonly corrections: number;
}

export interface AuditCorrection {
  readonly groupId: string;
  readonly count: number;
}

export class CountAudit {
  private feedCycles = 0;
  private rotation = 0;
  private pending: AuditCorrection | undefined;
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
   * Settles the pending audit against the next page: `moved` says whether the page moves a
   * workitem out of or into a group, `modelCount` is the model's count of it (undefined: gone).
   */
  settle(moved: (groupId: string) => boolean, modelCount: (groupId: string) => number | undefined): AuditCorrection | undefined {
    const pending = this.pending;
    this.pending = undefined;
    if (pending === undefined || moved(pending.groupId)) {
      return undefined;
    }
    const current = modelCount(pending.groupId);
    if (current === undefined) {
      return undefined;
    }
    this.compared++;
    if (current === pending.count) {
      return undefined;
    }
    this.corrections++;
    return pending;
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

  record(groupId: string, count: number): void {
    this.audits++;
    this.pending = { groupId, count };
  }
}
