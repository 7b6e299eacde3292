// The `contextValue` of every kind of row, composed as `kind;key:value;…;` so that menu `when`
// clauses can test one fact with a regex, e.g. `viewItem =~ /actions:[^;]*\bhold\b/`.
// No `vscode` import: package.json's menus are checked against TREE_CONTEXT_VALUES in plain Node.
import { ACTION_CATALOG } from '../../api/actions/catalog';
import { WORKITEM_ACTIONS, hasPermission, isKnownChannel, isKnownState, type WorkitemAction } from '../../api/domain';
import type { Workitem } from '../../api/schemas';
import type { GroupDimension } from '../../model/groupKeys';
import { knownActionsOf } from '../../model/workitemText';

/** Unknown values are written as `other`: a value from the server must not inject `;` or `:`. */
function stateToken(state: string): string {
  return isKnownState(state) ? state : 'other';
}

function channelToken(channel: string): string {
  return isKnownChannel(channel) ? channel : 'other';
}

/** While an action runs on a workitem its actions are withheld, so no second one can start. */
/** Only actions the workitem offers AND the token's permissions allow reach the menus. */
export function workitemContextValue(
  workitem: Workitem,
  busy: boolean,
  permissions: readonly string[] = ['workitems:admin'],
): string {
  const actions = busy
    ? []
    : knownActionsOf(workitem, WORKITEM_ACTIONS).filter((action) =>
        hasPermission(permissions, ACTION_CATALOG[action as WorkitemAction].permission),
      );
  return (
    `workitem;${busy ? 'busy;' : ''}state:${stateToken(workitem.state)};` +
    `channel:${channelToken(workitem.channelType)};actions:${actions.join(',')};`
  );
}

export function groupContextValue(dimension: GroupDimension, value: string): string {
  const token = dimension === 'state' ? stateToken(value) : channelToken(value);
  return `group;${dimension}:${token};`;
}

export const LOAD_MORE_CONTEXT_VALUE = 'loadMore;';
export const ISSUES_CONTEXT_VALUE = 'issues;';
export const EMPTY_CONTEXT_VALUE = 'empty;';
/** A saved query pinned at the top of the tree. */
export const PINNED_CONTEXT_VALUE = 'pinned;';

/**
 * Put before the context value of a row listed under a connection that is not in use: no menu of
 * the rows of the tenant in use matches it (they all test `^workitem;`, `^group;`…), so neither an
 * action nor a command that works on the tenant in use is offered on another tenant's row.
 */
export const OTHER_TENANT_CONTEXT_PREFIX = 'otherTenant;';
/** The line under a connection that is not read (the local sandbox while an NCX tenant is in use). */
export const CONNECTION_HINT_CONTEXT_VALUE = 'connectionHint;';

export function errorContextValue(action: 'retry' | 'signIn'): string {
  return `error;action:${action};`;
}

/** One of each shape of context value the tree produces (checked against package.json menus). */
export const TREE_CONTEXT_VALUES: readonly string[] = [
  'group;state:active;',
  'group;state:other;',
  'group;channel:voice;',
  'group;channel:other;',
  'workitem;state:active;channel:voice;actions:hold,hangup,transfer;',
  'workitem;state:hold;channel:voice;actions:unhold,hangup,transfer;',
  'workitem;state:inqueue;channel:chat;actions:transfer;',
  'workitem;state:dispositioned;channel:email;actions:;',
  'workitem;state:other;channel:other;actions:;',
  'workitem;busy;state:active;channel:voice;actions:;',
  LOAD_MORE_CONTEXT_VALUE,
  errorContextValue('retry'),
  errorContextValue('signIn'),
  ISSUES_CONTEXT_VALUE,
  EMPTY_CONTEXT_VALUE,
  PINNED_CONTEXT_VALUE,
  'connection;sandbox;idle;signedIn;',
  'connection;tenant;idle;signedIn;',
  'connection;tenant;idle;signedOut;',
];

/** One of each shape of row listed under a connection not in use (checked against package.json menus). */
export const OTHER_TENANT_CONTEXT_VALUES: readonly string[] = [
  `${OTHER_TENANT_CONTEXT_PREFIX}workitem;state:active;channel:voice;actions:hold,hangup,transfer;`,
  `${OTHER_TENANT_CONTEXT_PREFIX}group;state:active;`,
  `${OTHER_TENANT_CONTEXT_PREFIX}${LOAD_MORE_CONTEXT_VALUE}`,
  `${OTHER_TENANT_CONTEXT_PREFIX}${errorContextValue('signIn')}`,
  CONNECTION_HINT_CONTEXT_VALUE,
];
