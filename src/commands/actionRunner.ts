// Runs one workitem action (hold, unhold, hang up, transfer) for every entry point: tree rows,
// the palette and the detail panel's buttons. One request per workitem at a time: a second
// click while the first runs joins it instead of sending again. The row shows a spinner while
// the request runs, and the tree and the panel are refreshed afterwards, whatever the outcome.
import { hasPermission, PERMISSION_FOR_ACTION, type WorkitemAction } from '../api/domain';
import { isNcxError } from '../api/errors';
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { ActionAuditHook } from '../audit/actionAudit';
import type { Log } from '../log/log';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';
import { actionProgress, actionTitle, actionVerb } from './actionText';
import type { ConnectionHooks, DetailPanelHooks, WorkitemTreeHooks } from './context';
import { pickQueue } from './pickQueue';
import { refusalMessage } from './refusalMessage';
import { targetId, type WorkitemTarget } from './targets';
import type { Shown } from '../model/format/shownText';

export type ActionOutcome =
  | 'done'
  /** The user said no (confirmation, queue pick). */
  | 'cancelled'
  /** Not offered: the token lacks the permission, or the workitem does not list the action. */
  | 'notAllowed'
  /** The server refused it (409 / 403 / 404) and said why. */
  | 'refused'
  /** Another action on the same workitem is still running. */
  | 'busy'
  | 'failed';

export interface ActionOptions {
  /** The user already confirmed (e.g. once for a multi-selection). */
  confirmed?: boolean;
  /** For `transfer`: the target queue, when already chosen. */
  queueId?: string;
}

export interface ActionRunnerDeps {
  ui: Ui;
  log: Log;
  connection: Pick<ConnectionHooks, 'getApi' | 'permissions' | 'state'>;
  tree: Pick<WorkitemTreeHooks, 'setBusy' | 'refresh'>;
  panels: Pick<DetailPanelHooks, 'refresh'>;
  /** Writes each sent action to the action history; awaited before the result is shown. */
  audit?: ActionAuditHook;
}

const REFUSALS = new Set(['conflict', 'forbidden', 'notFound']);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ActionRunner {
  private readonly inFlight = new Map<string, { action: WorkitemAction; outcome: Promise<ActionOutcome> }>();

  constructor(private readonly deps: ActionRunnerDeps) {}

  /** Whether a request for this workitem is running now. */
  isBusy(workitemId: string): boolean {
    return this.inFlight.has(workitemId);
  }

  run(action: WorkitemAction, target: WorkitemTarget, options: ActionOptions = {}): Promise<ActionOutcome> {
    const id = targetId(target);
    const running = this.inFlight.get(id);
    if (running) {
      if (running.action === action) {
        return running.outcome;
      }
      void this.deps.ui.info(
        l10n.t('{0} is busy: wait until {1} has finished.', id, actionVerb(running.action)),
      );
      return Promise.resolve('busy');
    }
    // Registered before the first await, so that an immediate second call finds it.
    const outcome = this.execute(action, id, typeof target === 'string' ? undefined : target, options).finally(() =>
      this.inFlight.delete(id),
    );
    this.inFlight.set(id, { action, outcome });
    return outcome;
  }

  /** Why the action is not offered for this workitem, or undefined when it is. */
  whyNotAllowed(action: WorkitemAction, workitem?: Workitem): Shown | undefined {
    const needs = PERMISSION_FOR_ACTION[action];
    if (!hasPermission(this.deps.connection.permissions, needs)) {
      const user = this.deps.connection.state.username ?? l10n.t('the signed-in user');
      return l10n.t('{0} may not {1} workitems: the permission {2} is missing.', user, actionVerb(action), needs);
    }
    if (workitem && !(workitem.actions ?? []).includes(action)) {
      return l10n.t('{0} is {1}: {2} is not possible.', workitem.workitemId, workitem.state, actionVerb(action));
    }
    return undefined;
  }

  private async execute(
    action: WorkitemAction,
    id: string,
    workitem: Workitem | undefined,
    options: ActionOptions,
  ): Promise<ActionOutcome> {
    const { ui, tree, panels, log } = this.deps;
    const notAllowed = this.whyNotAllowed(action, workitem);
    if (notAllowed) {
      void ui.warn(notAllowed);
      return 'notAllowed';
    }
    if (action === 'hangup' && !options.confirmed) {
      const confirmed = await ui.confirm(
        l10n.t('Hang up {0}?', id),
        l10n.t('The interaction ends for the customer and the agent. This cannot be undone.'),
        actionTitle('hangup'),
      );
      if (!confirmed) {
        return 'cancelled';
      }
    }
    let api: WorkitemsApi;
    try {
      api = await this.deps.connection.getApi();
    } catch (error) {
      return this.report(action, id, error);
    }
    let queueId = options.queueId;
    if (action === 'transfer' && queueId === undefined) {
      queueId = await pickQueue(ui, api, workitem);
      if (queueId === undefined) {
        return 'cancelled';
      }
    }
    tree.setBusy(id, actionProgress(action));
    const sentAt = Date.now();
    try {
      await this.send(api, action, id, queueId);
      await this.deps.audit?.({ action, workitemId: id, queueId, sentAt });
      log.info(`${action} ${id}${queueId ? ` → ${queueId}` : ''}: done`);
      return 'done';
    } catch (error) {
      await this.deps.audit?.({ action, workitemId: id, queueId, sentAt, error });
      return this.report(action, id, error);
    } finally {
      tree.setBusy(id, undefined);
      tree.refresh();
      panels.refresh(id);
    }
  }

  private async send(api: WorkitemsApi, action: WorkitemAction, id: string, queueId: string | undefined): Promise<void> {
    switch (action) {
      case 'hold':
        await api.hold(id);
        return;
      case 'unhold':
        await api.unhold(id);
        return;
      case 'hangup':
        await api.hangUp(id);
        return;
      case 'transfer':
        await api.transferToQueue(id, queueId ?? '');
        return;
    }
  }

  private report(action: WorkitemAction, id: string, error: unknown): ActionOutcome {
    const { ui, log } = this.deps;
    log.warn(`${action} ${id} failed: ${messageOf(error)}`);
    if (isNcxError(error) && error.kind === 'cancelled') {
      return 'cancelled';
    }
    if (isNcxError(error) && REFUSALS.has(error.kind)) {
      // The server's own words say why ("wi_123 is terminated: hold is not possible").
      void ui.warn(refusalMessage(action, id, error));
      return 'refused';
    }
    if (isNcxError(error) && error.kind === 'unauthorized' && this.deps.connection.state.status === 'rejected') {
      // The connection already asked the user to sign in again; a second message would only repeat it.
      return 'failed';
    }
    void ui.error(l10n.t('Could not {0} {1}: {2}', actionVerb(action), id, messageOf(error)));
    return 'failed';
  }
}
