// The action runner's hook into the action history: it says what it sent and how it ended, this
// turns that into an entry (tenant, user, outcome, duration) and writes it. It never throws: a full
// disk must not turn a done action into a failed one; the failure is logged instead.
import { isNcxError } from '../api/errors';
import type { Log } from '../log/log';
import type { AuditOutcome, AuditRecord } from './auditEntry';

export interface SentAction {
  action: string;
  workitemId: string;
  /** What the user chose for it (queue, agent, priority, digits, disposition), when anything. */
  parameters?: Readonly<Record<string, string | number | boolean>>;
  /** Unix ms when the request was sent. */
  sentAt: number;
  /** Absent when the server did it. */
  error?: unknown;
}

/** Resolves once the entry is written (or its failure logged); never rejects. */
export type ActionAuditHook = (sent: SentAction) => Promise<void>;

const REFUSALS: ReadonlySet<string> = new Set(['conflict', 'forbidden', 'notFound']);

export function outcomeOf(error: unknown): AuditOutcome {
  if (error === undefined) return 'done';
  if (isNcxError(error) && error.kind === 'cancelled') return 'cancelled';
  return isNcxError(error) && REFUSALS.has(error.kind) ? 'refused' : 'failed';
}

export interface ActionAuditDeps {
  record(record: AuditRecord): Promise<void>;
  /** Where the action went and as whom, at the moment it is recorded. */
  where(): { tenant: string; user?: string };
  log: Pick<Log, 'warn'>;
  now?: () => number;
}

export function actionAudit(deps: ActionAuditDeps): ActionAuditHook {
  const now = deps.now ?? Date.now;
  return async (sent) => {
    const { tenant, user } = deps.where();
    const record: AuditRecord = {
      at: sent.sentAt,
      tenant,
      workitemId: sent.workitemId,
      action: sent.action,
      parameters: { ...sent.parameters },
      outcome: outcomeOf(sent.error),
      durationMs: Math.max(0, now() - sent.sentAt),
    };
    if (user !== undefined) record.user = user;
    if (sent.error !== undefined) {
      const error: NonNullable<AuditRecord['error']> = {
        message: sent.error instanceof Error ? sent.error.message : String(sent.error),
      };
      if (isNcxError(sent.error)) {
        error.kind = sent.error.kind;
        if (sent.error.details.status !== undefined) error.status = sent.error.details.status;
      }
      record.error = error;
    }
    try {
      await deps.record(record);
    } catch (error) {
      deps.log.warn(`Action history: could not record ${sent.action} ${sent.workitemId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
}
