// Runs one workitem action for every entry point: tree rows, the palette, the detail panel's
// buttons and bulk runs. One request per workitem at a time: a second click while the first runs
// joins it instead of sending again. What is sent is the action catalog's request (`api.act`), so
// an action cannot be "done" without its request having gone out.
import { offerToAllowActions, type ProtectionHooks } from './protection';
import { actionSpec, type ActionInput } from '../api/actions/catalog';
import { hasPermission, type WorkitemAction } from '../api/domain';
import { isNcxError } from '../api/errors';
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import type { ActionAuditHook } from '../audit/actionAudit';
import type { Log } from '../log/log';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';
import { actionProgress, actionTitle, actionVerb } from './actionText';
import { askActionInput } from './askActionInput';
import type { ConnectionHooks, DetailPanelHooks, WorkitemTreeHooks } from './context';
import { refusalMessage } from './refusalMessage';
import { liveTenantName, tenantName } from '../connection/tenantName';
import { targetId, type WorkitemTarget } from './targets';
import { ours, type Shown } from '../model/format/shownText';

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

/** What happened to one workitem, with the reason in words for anything but "done". */
export interface ActionReport {
  workitemId: string;
  outcome: ActionOutcome;
  reason?: string;
  /** The workitem as the server answered it (actions that answer `{}` leave it out). */
  workitem?: Workitem;
}

export interface ActionOptions<A extends WorkitemAction = WorkitemAction> {
  /** The user already confirmed (e.g. once for a multi-selection). */
  confirmed?: boolean;
  /** The input, when already chosen (queue, agent, priority, digits, disposition). */
  input?: ActionInput<A>;
  /** No notification per workitem: a bulk run reports them all in its summary. */
  quiet?: boolean;
  signal?: AbortSignal;
}

export interface ActionRunnerDeps {
  ui: Ui;
  log: Log;
  connection: Pick<ConnectionHooks, 'getApi' | 'permissions' | 'state'>;
  tree: Pick<WorkitemTreeHooks, 'setBusy' | 'showAnswer'>;
  panels: Pick<DetailPanelHooks, 'refresh'> & Partial<Pick<DetailPanelHooks, 'show'>>;
  /** Writes each sent action to the action history; awaited before the result is shown. */
  audit?: ActionAuditHook;
  /** A protected tenant refuses actions until they are allowed (src/commands/protection.ts). */
  protection?: ProtectionHooks;
}

const REFUSALS = new Set(['conflict', 'forbidden', 'notFound']);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ActionRunner {
  private readonly inFlight = new Map<string, { action: WorkitemAction; report: Promise<ActionReport> }>();

  constructor(private readonly deps: ActionRunnerDeps) {}

  /** Whether a request for this workitem is running now. */
  isBusy(workitemId: string): boolean {
    return this.inFlight.has(workitemId);
  }

  async run<A extends WorkitemAction>(action: A, target: WorkitemTarget, options: ActionOptions<A> = {}): Promise<ActionOutcome> {
    return (await this.attempt(action, target, options)).outcome;
  }

  /** Runs the action on one workitem and says what happened, with the server's reason on a refusal. */
  attempt<A extends WorkitemAction>(action: A, target: WorkitemTarget, options: ActionOptions<A> = {}): Promise<ActionReport> {
    const id = targetId(target);
    const running = this.inFlight.get(id);
    if (running) {
      if (running.action === action) {
        return running.report;
      }
      const reason = l10n.t('{0} is busy: wait until {1} has finished.', id, actionVerb(running.action));
      if (!options.quiet) void this.deps.ui.info(reason);
      return Promise.resolve({ workitemId: id, outcome: 'busy', reason });
    }
    // Registered before the first await, so that an immediate second call finds it.
    const report = this.execute(action, id, typeof target === 'string' ? undefined : target, options).finally(() =>
      this.inFlight.delete(id),
    );
    this.inFlight.set(id, { action, report });
    return report;
  }

  /**
   * Why the action is not offered for this workitem, or undefined when it is: the sign-in's
   * permissions and the workitem's state first (allowing a protected tenant would not help those),
   * then the tenant's protection.
   */
  whyNotAllowed(action: WorkitemAction, workitem?: Workitem): Shown | undefined {
    return this.whyNotPossible(action, workitem) ?? this.deps.protection?.lockedReason();
  }

  /** Why the sign-in or the workitem's state rules the action out (protection aside). */
  whyNotPossible(action: WorkitemAction, workitem?: Workitem): Shown | undefined {
    const spec = actionSpec(action);
    if (!hasPermission(this.deps.connection.permissions, spec.permission)) {
      const user = this.deps.connection.state.username ?? l10n.t('the signed-in user');
      return l10n.t('{0} may not {1} workitems: the permission {2} is missing.', user, actionVerb(action), spec.permission);
    }
    if (workitem && !(workitem.actions ?? []).includes(spec.enabledBy)) {
      return l10n.t('{0} is {1}: {2} is not possible.', workitem.workitemId, workitem.state, actionVerb(action));
    }
    return undefined;
  }

  private async execute<A extends WorkitemAction>(
    action: A,
    id: string,
    workitem: Workitem | undefined,
    options: ActionOptions<A>,
  ): Promise<ActionReport> {
    const { ui, tree, panels, log } = this.deps;
    const spec = actionSpec(action);
    const notPossible = this.whyNotPossible(action, workitem);
    if (notPossible) {
      if (!options.quiet) void ui.warn(notPossible);
      return { workitemId: id, outcome: 'notAllowed', reason: notPossible };
    }
    const protection = this.deps.protection;
    const locked = protection?.lockedReason();
    if (locked !== undefined && protection !== undefined) {
      // A protected tenant: the person may allow actions here and now.
      const allowed = !options.quiet && (await offerToAllowActions(ui, protection, locked));
      if (!allowed) return { workitemId: id, outcome: 'notAllowed', reason: locked };
    }
    if (spec.confirm && !options.confirmed) {
      const tenant = liveTenantName(this.deps.connection.state);
      const confirmed = await ui.confirm(
        tenant === undefined ? l10n.t('{0} {1}?', actionTitle(action), id) : l10n.t('{0} {1} on {2}?', actionTitle(action), id, tenant),
        spec.words.consequence?.(l10n) ?? ours(''),
        actionTitle(action),
      );
      if (!confirmed) {
        return { workitemId: id, outcome: 'cancelled' };
      }
    }
    let api: WorkitemsApi;
    try {
      api = await this.deps.connection.getApi();
    } catch (error) {
      return this.report(action, id, error, options);
    }
    const input = options.input ?? (await askActionInput(ui, api, action, workitem));
    if (input === undefined) {
      return { workitemId: id, outcome: 'cancelled' };
    }
    tree.setBusy(id, actionProgress(action));
    let answer: Workitem | undefined;
    const sentAt = Date.now();
    const parameters = input as Readonly<Record<string, string | number | boolean>>;
    try {
      answer = await api.act(action, id, input, options.signal ? { signal: options.signal } : undefined);
      await this.deps.audit?.({ action, workitemId: id, parameters, sentAt });
      log.info(`${action} ${id} on ${this.where()} ${JSON.stringify(input)}: done`);
    } catch (error) {
      await this.deps.audit?.({ action, workitemId: id, parameters, sentAt, error });
      return this.report(action, id, error, options);
    } finally {
      tree.setBusy(id, undefined);
      // The answer is the workitem as it is now: the tree shows it without asking again (a refused
      // or failed action brings the tree up to date with one refresh cycle).
      tree.showAnswer(answer);
    }
    if (answer && panels.show) {
      panels.show(answer);
    } else {
      panels.refresh(id);
    }
    return { workitemId: id, outcome: 'done', ...(answer ? { workitem: answer } : {}) };
  }

  /** The tenant an action goes to, for the log (the sandbox, or the named connection). */
  private where(): string {
    return tenantName(this.deps.connection.state) ?? 'NCX';
  }

  private report(action: WorkitemAction, id: string, error: unknown, options: { quiet?: boolean }): ActionReport {
    const { ui, log } = this.deps;
    log.warn(`${action} ${id} on ${this.where()} failed: ${messageOf(error)}`);
    if (isNcxError(error) && error.kind === 'cancelled') {
      return { workitemId: id, outcome: 'cancelled' };
    }
    if (isNcxError(error) && REFUSALS.has(error.kind)) {
      // The server's own words say why ("wi_123 is terminated: hold is not possible").
      const reason = refusalMessage(action, id, error);
      if (!options.quiet) void ui.warn(reason);
      // What we showed is no longer true: the panel reads the workitem again.
      this.deps.panels.refresh(id);
      return { workitemId: id, outcome: 'refused', reason };
    }
    if (isNcxError(error) && error.kind === 'unauthorized' && this.deps.connection.state.status === 'rejected') {
      // The connection already asked the user to sign in again; a second message would only repeat it.
      return { workitemId: id, outcome: 'failed', reason: messageOf(error) };
    }
    const reason = l10n.t('Could not {0} {1}: {2}', actionVerb(action), id, messageOf(error));
    if (!options.quiet) void ui.error(reason);
    return { workitemId: id, outcome: 'failed', reason };
  }
}
