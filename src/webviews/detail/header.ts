// The top of the panel: which workitem, where it stands, and what can be done with it.
import { isKnownChannel, isKnownState, isKnownType, type WorkitemAction } from '../../api/domain';
import type { Workitem } from '../../api/schemas';
import { formatTimeOfDay } from '../../model/format/time';
import type { ActionAvailability } from '../../model/workitemActions';
import { actionLabel } from '../actionLabels';
import { attributeText, displayText, html, joinHtml, type SafeHtml } from '../html/escape';
import type { SectionContext } from './context';
import type { NamedKind } from '../../model/names/nameDirectory';
import type { TenantColor } from '../../connection/tenantColor';

/** The tenant a panel's workitem belongs to, in its colour (a class of the page's own CSS). */
export interface PanelTenant {
  name: string;
  color: TenantColor;
}

export interface HeaderStatus {
  /** Why actions are refused (a protected tenant): the buttons are shown disabled with it. */
  locked?: string;
  /**
   * The inspector is connected to another tenant than this panel's: what it shows stays as last
   * read, and its buttons are disabled with this reason (no offer to allow: nothing is locked).
   */
  away?: string;
  tenant?: PanelTenant;
  /** Whether the workitem is watched; no Watch button when undefined (nothing to watch with). */
  watched?: boolean;
  checkedAt?: number;
  changedAt?: number;
  changedFields?: readonly string[];
}

function badge(value: string, known: boolean, label: string, context: SectionContext, extraClass = ''): SafeHtml {
  const { l10n } = context;
  const title = known ? label : l10n.t('{0}: unknown value', label);
  return html`<span class="badge${extraClass}${known ? '' : ' unknown'}" title="${title}">${displayText(value, context.l10n, 80)}</span>`;
}

/** Which tenant the page shows, in the tenant's colour; the name is a server's word (a host). */
export function tenantBadge(tenant: PanelTenant | undefined, l10n: SectionContext['l10n']): SafeHtml | undefined {
  return tenant === undefined
    ? undefined
    : html`<span class="badge tenant tenant-${tenant.color}" id="tenant" title="${attributeText(l10n.t('Tenant {0}', tenant.name))}">${displayText(tenant.name, l10n, 80)}</span>`;
}

function actionButton(action: WorkitemAction, context: SectionContext, locked: string | undefined): SafeHtml {
  return locked === undefined
    ? html`<button type="button" class="action" data-command="runAction" data-action="${action}">${actionLabel(action, context.l10n)}</button>`
    : html`<button type="button" class="action" data-command="runAction" data-action="${action}" disabled title="${attributeText(locked)}">${actionLabel(action, context.l10n)}</button>`;
}

function statusLine(status: HeaderStatus, context: SectionContext): SafeHtml {
  const { l10n, time } = context;
  const checked =
    status.checkedAt !== undefined ? l10n.t('Checked at {0}', formatTimeOfDay(status.checkedAt, time)) : '';
  const changed =
    status.changedAt !== undefined
      ? html` <span class="changed-note">${displayText(l10n.t('Changed at {0}: {1}', formatTimeOfDay(status.changedAt, time), (status.changedFields ?? []).join(', ')), l10n, 500)}</span>`
      : undefined;
  return html`<p class="status" id="status" role="status" aria-live="polite"><span id="status-text">${checked}</span>${changed}</p>`;
}

/** Where the workitem is and who has it, by name: `Queue Retention (q_retention) · Agent …`. */
function whereLine(workitem: Workitem, context: SectionContext): SafeHtml | undefined {
  const { l10n, names } = context;
  const parts: string[] = [];
  const add = (label: string, value: string | undefined, kind: NamedKind): void => {
    if (value !== undefined && value !== '') parts.push(l10n.t('{0}: {1}', label, names.labelOf(kind, value)));
  };
  add(l10n.t('Queue'), workitem.selectedQueue, 'queue');
  add(l10n.t('Agent'), workitem.agentUsername, 'agent');
  add(l10n.t('Campaign'), workitem.campaignId, 'campaign');
  add(l10n.t('Disposition'), workitem.dispositionId, 'disposition');
  return parts.length === 0 ? undefined : html`<p class="where" id="where">${displayText(parts.join(' · '), l10n, 600)}</p>`;
}

export function renderHeader(
  workitem: Workitem,
  availability: ActionAvailability,
  status: HeaderStatus,
  context: SectionContext,
): SafeHtml {
  const { l10n } = context;
  const state = isKnownState(workitem.state) ? ` state-${workitem.state}` : '';
  const priority =
    workitem.priority !== undefined
      ? html`<span class="badge priority" title="${l10n.t('Priority')}">${l10n.t('P{0}', workitem.priority)}</span>`
      : undefined;
  const notPermitted =
    availability.notPermitted.length > 0
      ? html`<p class="muted">${l10n.t(
          'Not allowed with your sign-in: {0}',
          availability.notPermitted
            .map(({ action, needs }) => l10n.t('{0} (needs {1})', actionLabel(action, l10n), needs))
            .join(', '),
        )}</p>`
      : undefined;
  const actions = availability.allowed.map((action) => actionButton(action, context, status.away ?? status.locked));
  const away =
    status.away !== undefined ? html`<p class="locked away" id="away" role="note">${displayText(status.away, l10n, 300)}</p>` : undefined;
  const locked =
    status.away === undefined && status.locked !== undefined && availability.allowed.length > 0
      ? html`<p class="locked" id="locked" role="note">${displayText(status.locked, l10n, 300)} <button type="button" class="secondary" data-command="allowActions">${l10n.t('Allow Actions…')}</button></p>`
      : undefined;
  return html`<header class="header" id="header">
<div class="title-row">
<h1 class="workitem-id" title="${attributeText(workitem.workitemId)}">${displayText(workitem.workitemId, l10n, 200)}</h1>
${tenantBadge(status.tenant, l10n)}
${badge(workitem.state, isKnownState(workitem.state), l10n.t('State'), context, ` state${state}`)}
${badge(workitem.channelType, isKnownChannel(workitem.channelType), l10n.t('Channel'), context)}
${badge(workitem.type, isKnownType(workitem.type), l10n.t('Type'), context)}
${priority}
</div>
${whereLine(workitem, context)}
${statusLine(status, context)}
<div class="toolbar" role="toolbar" aria-label="${l10n.t('Workitem actions')}">
${joinHtml(actions)}
<button type="button" class="secondary" data-command="refresh">${l10n.t('Refresh')}</button>
<button type="button" class="secondary" data-command="copyId">${l10n.t('Copy ID')}</button>
<button type="button" class="secondary" data-command="copyLink">${l10n.t('Copy Link')}</button>
${status.watched === undefined || (workitem.state === 'dispositioned' && !status.watched) ? undefined : html`<button type="button" class="secondary" data-command="toggleWatch" aria-pressed="${status.watched ? 'true' : 'false'}">${status.watched ? l10n.t('Stop Watching') : l10n.t('Watch')}</button>`}
<span class="copied" id="copied" role="status" aria-live="polite"></span>
</div>
${away}
${locked}
${notPermitted}
</header>`;
}

/** The banner under the header: hidden until a failure is shown in it (the page's script fills it). */
export function renderBanner(context: SectionContext): SafeHtml {
  return html`<div class="banner" id="banner" role="alert" hidden><span id="banner-text"></span> <button type="button" id="banner-retry" data-command="refresh">${context.l10n.t('Retry')}</button></div>`;
}
