import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { CONNECTIONS_VIEW_ID,
  COMMANDS, CONTEXT_KEYS, DETAIL_PANEL_VIEW_TYPE, EVENTS_VIEW_ID, LIVE_COMMANDS, QUERIES_VIEW_ID, TREE_VIEW_ID,
  VIEW_CONTAINER_ID, WATCHED_VIEW_ID, WORKBENCH_COMMANDS,
} from '../../../src/contributions';
import { SETTING_KEYS, SETTINGS_SECTION, SettingsSchema } from '../../../src/config/settings';
import { makeWorkitem } from '../model/support/fixtures';
import { OTHER_TENANT_CONTEXT_PREFIX, OTHER_TENANT_CONTEXT_VALUES, TREE_CONTEXT_VALUES, workitemContextValue } from '../../../src/views/tree/contextValues';

const MenuItemSchema = z.object({ command: z.string(), when: z.string().optional(), group: z.string().optional() });
const ManifestSchema = z.looseObject({
  activationEvents: z.array(z.string()),
  capabilities: z.looseObject({}),
  contributes: z.looseObject({
    viewsContainers: z.object({ activitybar: z.array(z.looseObject({ id: z.string(), icon: z.string() })) }),
    views: z.record(z.string(), z.array(z.looseObject({ id: z.string(), name: z.string() }))),
    viewsWelcome: z.array(z.object({ view: z.string(), contents: z.string(), when: z.string() })),
    commands: z.array(z.looseObject({ command: z.string(), title: z.string(), category: z.string(), icon: z.string() })),
    menus: z.record(z.string(), z.array(MenuItemSchema)),
    configuration: z.object({
      title: z.string(),
      properties: z.record(z.string(), z.looseObject({ default: z.unknown(), scope: z.string(), description: z.string().optional(), markdownDescription: z.string().optional() })),
    }),
  }),
});

const root = path.resolve(__dirname, '../../../..');
const manifest = ManifestSchema.parse(JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')));
const contributes = manifest.contributes;
const itemMenus = contributes.menus['view/item/context'];

/** Evaluates the `when` clauses package.json uses on rows: `view == …`, `view =~ /…/` and `viewItem =~ /…/`. */
function rowMatches(when: string | undefined, contextValue: string): boolean {
  return (when ?? '').split('&&').every((raw) => {
    const part = raw.trim();
    const view = /^view == (\S+)$/.exec(part);
    if (view) {
      return view[1] === TREE_VIEW_ID;
    }
    const views = /^view =~ \/(.+)\/$/.exec(part);
    if (views) {
      return new RegExp(views[1]).test(TREE_VIEW_ID);
    }
    const regex = /^viewItem =~ \/(.+)\/$/.exec(part);
    if (regex) {
      return new RegExp(regex[1]).test(contextValue);
    }
    throw new Error(`unexpected clause in a row menu: ${part}`);
  });
}

function commandsOn(contextValue: string, inline: boolean): string[] {
  return itemMenus
    .filter((menu) => (menu.group?.startsWith('inline') ?? false) === inline && rowMatches(menu.when, contextValue))
    .map((menu) => menu.command.replace('workitemInspector.', ''));
}

describe('package.json contributions', () => {
  it('declares every command of src/contributions.ts, and no other, in the Workitems category with an icon', () => {
    assert.deepStrictEqual(contributes.commands.map((command) => command.command).sort(), [...Object.values(COMMANDS), ...Object.values(LIVE_COMMANDS), ...Object.values(WORKBENCH_COMMANDS)].sort());
    for (const command of contributes.commands) {
      assert.strictEqual(command.category, 'Workitems');
      assert.match(command.icon, /^\$\([a-z-~]+\)$/);
    }
    const title = (id: string): string | undefined => contributes.commands.find((command) => command.command === id)?.title;
    assert.strictEqual(title(COMMANDS.hold), 'Hold');
    assert.strictEqual(title(COMMANDS.transferToQueue), 'Transfer to Queue…');
    assert.strictEqual(title(COMMANDS.signIn), 'Sign In to NCX…');
  });

  it('hides the commands that need a row from the palette', () => {
    const hidden = contributes.menus.commandPalette.filter((menu) => menu.when === 'false').map((menu) => menu.command);
    assert.deepStrictEqual(hidden.sort(), [COMMANDS.loadMore, COMMANDS.retry, COMMANDS.showIssues, COMMANDS.openLink, WORKBENCH_COMMANDS.showRequest].sort());
  });

  it('has the view in its own activity-bar container, with an icon that exists', () => {
    const container = contributes.viewsContainers.activitybar.find((candidate) => candidate.id === VIEW_CONTAINER_ID);
    assert.ok(container);
    assert.ok(fs.existsSync(path.join(root, container.icon)), container.icon);
    assert.deepStrictEqual(contributes.views[VIEW_CONTAINER_ID].map((view) => [view.id, view.name]), [
      [CONNECTIONS_VIEW_ID, 'Connections'],
      [TREE_VIEW_ID, 'Workitems'],
      ['workitemInspector.requests', 'Requests'],
      [QUERIES_VIEW_ID, 'Queries'],
      [EVENTS_VIEW_ID, 'Events'],
      [WATCHED_VIEW_ID, 'Watched'],
    ]);
    assert.deepStrictEqual(
      manifest.activationEvents.sort(),
      ['onStartupFinished', `onView:${TREE_VIEW_ID}`, `onWebviewPanel:${DETAIL_PANEL_VIEW_TYPE}`, 'onUri', 'onLanguage:ncxq'].sort(),
    );
  });

  it('matches every context value the tree produces with at least one row menu', () => {
    for (const contextValue of TREE_CONTEXT_VALUES) {
      assert.ok(
        itemMenus.some((menu) => rowMatches(menu.when, contextValue)),
        `no view/item/context menu for ${contextValue}`,
      );
    }
  });

  it('offers the actions and Open Details on a row of a tenant not in use, nothing that works on the tenant in use, and nothing on its groups', () => {
    const [workitem, ...others] = OTHER_TENANT_CONTEXT_VALUES;
    // The actions go to the row's tenant (src/commands/otherTenantScope.ts); copying a link, watching,
    // JSON documents… read the tenant in use and are not offered.
    assert.deepStrictEqual([...commandsOn(workitem ?? '', false)].sort(), ['hangUp', 'hold', 'openDetails', 'transferToQueue']);
    assert.deepStrictEqual(commandsOn(workitem ?? '', true), ['hold']);
    for (const contextValue of others) {
      assert.deepStrictEqual([...commandsOn(contextValue, false), ...commandsOn(contextValue, true)], [], contextValue);
    }
    // The same row of the tenant in use has the rest: the prefix alone is what takes them away.
    assert.ok(commandsOn((workitem ?? '').replace(OTHER_TENANT_CONTEXT_PREFIX, ''), false).includes('copyLink'));
  });

  it('offers the connection commands on the connections listed at the top of the Workitems view', () => {
    assert.deepStrictEqual(commandsOn('connection;tenant;idle;signedIn;', false), ['refresh', 'groupBy', 'filter', 'connectTo', 'signIn', 'signOut', 'editConnection', 'removeConnection']);
    assert.deepStrictEqual(commandsOn('connection;tenant;idle;signedIn;', true), ['connectTo']);
    assert.deepStrictEqual(commandsOn('connection;tenant;inUse;signedIn;', false), ['refresh', 'groupBy', 'filter', 'signIn', 'signOut', 'editConnection', 'removeConnection']);
    assert.deepStrictEqual(commandsOn('connection;sandbox;inUse;signedIn;', false), ['refresh', 'groupBy', 'filter']);
    // Signed out, or the sandbox while not running, there is no tree to refresh or filter.
    assert.deepStrictEqual(commandsOn('connection;tenant;inUse;signedOut;', false), ['groupBy', 'signIn', 'editConnection', 'removeConnection']);
    assert.deepStrictEqual(commandsOn('connection;tenant;idle;signedOut;', false), ['groupBy', 'connectTo', 'signIn', 'editConnection', 'removeConnection']);
    assert.deepStrictEqual(commandsOn('connection;sandbox;idle;signedIn;', false), ['groupBy', 'connectTo']);
  });

  it('offers exactly the actions a workitem allows, and none while it is busy', () => {
    const active = makeWorkitem(1, { state: 'active', channelType: 'voice' });
    assert.deepStrictEqual(commandsOn(workitemContextValue(active, false), true), ['hold', 'openDetails']);
    assert.deepStrictEqual(commandsOn(workitemContextValue(active, false), false), [
      'hold',
      'transferToQueue',
      'hangUp',
      'openDetails',
      'copyId',
      'copyJson',
      'copyLink',
      'openAsJson',
      'compareWithPrevious',
      'copyAsCurl',
      'watch',
    ]);
    const held = makeWorkitem(2, { state: 'hold', channelType: 'voice' });
    assert.deepStrictEqual(commandsOn(workitemContextValue(held, false), true), ['unhold', 'openDetails']);
    assert.ok(!commandsOn(workitemContextValue(held, false), false).includes('hold'), '"unhold" must not read as "hold"');
    assert.deepStrictEqual(commandsOn(workitemContextValue(active, true), false), ['openDetails', 'copyId', 'copyJson', 'copyLink', 'openAsJson', 'compareWithPrevious', 'copyAsCurl', 'watch']);
    const done = makeWorkitem(3, { state: 'dispositioned', channelType: 'email' });
    // A dispositioned workitem will not change again: nothing to watch.
    assert.deepStrictEqual(commandsOn(workitemContextValue(done, false), false), ['openDetails', 'copyId', 'copyJson', 'copyLink', 'openAsJson', 'compareWithPrevious', 'copyAsCurl']);
  });

  it('keeps a server-sent action or state from breaking the context value', () => {
    const odd = { ...makeWorkitem(4, { state: 'hold;actions:hangup', channelType: 'voice' }), actions: ['hold;x', 'bogus', 'hangup'] };
    assert.strictEqual(workitemContextValue(odd, false), 'workitem;state:other;channel:voice;actions:hangup;');
    assert.strictEqual(
      workitemContextValue(odd, false, ['workitems:read']),
      'workitem;state:other;channel:voice;actions:;',
      'a read-only token is offered no action in the menus',
    );
  });

  it('shows "Clear Filter" only with a filter and welcome text for each empty state', () => {
    const clear = contributes.menus['view/title'].find((menu) => menu.command === COMMANDS.clearFilter);
    assert.match(clear?.when ?? '', new RegExp(CONTEXT_KEYS.treeFiltered.replace('.', '\\.')));
    const welcome = contributes.viewsWelcome.filter((entry) => entry.view === TREE_VIEW_ID);
    for (const state of ['loading', 'signedOut', 'unreachable', 'empty']) {
      assert.ok(welcome.some((entry) => entry.when.includes(`${CONTEXT_KEYS.treeState} == ${state}`)), state);
    }
    const links = welcome.flatMap((entry) => [...entry.contents.matchAll(/\(command:([\w.]+)\)/g)].map((match) => match[1]));
    for (const link of links) {
      assert.ok(Object.values(COMMANDS).includes(link as never), `welcome links to an unknown command ${link}`);
    }
  });

  it('declares every setting with its default, and keeps token-related ones out of workspaces', () => {
    const properties = contributes.configuration.properties;
    assert.deepStrictEqual(Object.keys(properties).sort(), SETTING_KEYS.map((key) => `${SETTINGS_SECTION}.${key}`).sort());
    const defaults = SettingsSchema.parse({});
    for (const key of SETTING_KEYS) {
      const declared = properties[`${SETTINGS_SECTION}.${key}`];
      assert.deepStrictEqual(declared.default, defaults[key], key);
      assert.ok(declared.description ?? declared.markdownDescription, `${key} has a description`);
      const application = ['connection.mode', 'connection.tenant', 'connections', 'ncx.loginUrl', 'ncx.authScheme', 'ncx.allowInsecureHttp', 'ncx.protected', 'network.caFile'].includes(key);
      assert.strictEqual(declared.scope, application ? 'application' : 'window', key);
    }
    assert.deepStrictEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });
});
