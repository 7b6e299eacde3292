// The extension on a real network, inside VS Code: an NCX tenant over HTTPS on 127.0.0.2 (another
// host than localhost, so VS Code's proxy support treats it as remote), in a process of its own,
// with 100 ms added each way, its CA given the way a user would (the `workitemInspector.network.caFile` setting, a bundle that
// also holds the CA of a twin tenant with no added delay). The same session (sign-in, first paint,
// two groups opened, a panel, an action, a Refresh, a refresh cycle, five more Refreshes) runs with `http.proxySupport` at its
// default (`override`), `off`, and through a CONNECT proxy set as `http.proxy`. Each must reuse its
// connections: far fewer TCP connections and TLS handshakes than requests. The figures are printed:
// the request counts are exact; each time is given as the network's share in round trips (the same
// step against the twin without delay subtracted, so the workbench's own time is left out).
// Benchmark 11 (`npm run bench -- --only 11`) runs it for several rounds and takes the medians.
import * as assert from 'assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import type { NetworkRound } from '../bench/vscode/networkFigures';
import { SETTINGS_SECTION } from '../../src/config/settings';
import { COMMANDS, TREE_VIEW_ID } from '../../src/contributions';
import { startConnectProxy, type ConnectProxy } from '../network/connectProxy';
import { startForkedSandbox, type ForkedSandbox } from '../network/forkedSandbox';
import { runCommand } from './helpers/commandRunner';
import { inspectorApi, type WorkitemInspectorApi } from './helpers/inspector';
import { openSandboxSession, showWorkitemsView } from './helpers/sandboxSession';
import { expandGroup, groupWithValue, rootNodes, type TreeNode } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

const LATENCY_MS = 100;
const RTT_MS = 2 * LATENCY_MS;
/** Long enough for the tree and the panels to have shown a pushed change. */
const QUIET_MS = 500;
const STEPS = [
  'sign-in',
  'sign-in + first paint',
  'open a state group',
  'open a channel group (rows)',
  'open a panel',
  'an action',
  'refresh cycle',
  'first paint, warm',
] as const;
type Step = (typeof STEPS)[number];

/**
 * `npm run bench -- --only 11` runs this suite with more rounds per configuration (medians) and
 * reads each round's figures from the file it names.
 */
const BenchEnvSchema = z.object({
  WORKITEM_NETWORK_ROUNDS: z.coerce.number().int().min(1).max(20).default(1),
  WORKITEM_NETWORK_FIGURES: z.string().optional(),
});
const BENCH_ENV = BenchEnvSchema.parse(process.env);

interface Configuration {
  name: string;
  proxySupport: string | undefined;
  viaProxy: boolean;
}

const CONFIGURATIONS: readonly Configuration[] = [
  { name: 'http.proxySupport override (default)', proxySupport: undefined, viaProxy: false },
  { name: 'http.proxySupport off', proxySupport: 'off', viaProxy: false },
  { name: 'http.proxy = a CONNECT proxy', proxySupport: undefined, viaProxy: true },
];

interface Seen {
  requests: number;
  connections: number;
  handshakes: number;
  tunnels: number;
}

describe('a real network in VS Code: HTTPS with latency, the CA from the setting, proxy support on and off, a CONNECT proxy', function () {
  this.timeout(120_000);
  let inspector: WorkitemInspectorApi;
  // Each in a process of its own: in the extension host they would share its event loop with the
  // extension being measured.
  let tenant: ForkedSandbox;
  /** The same data with no added delay: what each step costs apart from the network. */
  let twin: ForkedSandbox;
  let proxy: ConnectProxy;
  let bundle: string;
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');
  const ours = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SETTINGS_SECTION);

  before(async () => {
    const local = await openSandboxSession();
    inspector = await inspectorApi();
    // The first webview of a window costs seconds of its own: paid here, not by the first figure.
    const [warmUp] = (await local.server.search({ q: 'state:inqueue', rows: 1 })).items;
    if (warmUp) await runCommand(COMMANDS.openDetails, [warmUp.workitemId]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const options = { port: 0, size: 2000, seed: 31, traffic: false, host: '127.0.0.2', tls: true } as const;
    tenant = await startForkedSandbox({ ...options, latencyMs: LATENCY_MS });
    twin = await startForkedSandbox(options);
    proxy = await startConnectProxy();
    assert.ok(tenant.caPath && twin.caPath, 'the HTTPS sandboxes wrote their CAs');
    // One file with both CAs, as a gateway's CA bundle would be.
    bundle = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ca-')), 'bundle.pem');
    fs.writeFileSync(bundle, fs.readFileSync(tenant.caPath, 'utf8') + fs.readFileSync(twin.caPath, 'utf8'));
    await ours().update('network.caFile', bundle, vscode.ConfigurationTarget.Global);
    // Actions on this tenant without the 15-minute allowance: what is measured is the network.
    await ours().update('ncx.protected', false, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await http().update('proxySupport', undefined, vscode.ConfigurationTarget.Global);
    await http().update('proxy', undefined, vscode.ConfigurationTarget.Global);
    await ours().update('network.caFile', undefined, vscode.ConfigurationTarget.Global);
    await ours().update('ncx.protected', undefined, vscode.ConfigurationTarget.Global);
    if (inspector.connection.state.mode !== 'sandbox') await inspector.connection.useSandbox();
    await inspector.connection.signOut();
    await tenant?.stop();
    await twin?.stop();
    await proxy?.close();
    fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
  });

  async function seen(): Promise<Seen> {
    return { ...(await tenant.counters()), tunnels: proxy.counters.tunnels };
  }

  async function since(before: Seen): Promise<Seen> {
    const now = await seen();
    return {
      requests: now.requests - before.requests,
      connections: now.connections - before.connections,
      handshakes: now.handshakes - before.handshakes,
      tunnels: now.tunnels - before.tunnels,
    };
  }

  /** One session against `server`: each step's wall time in ms, and what it sent (requests/new connections). */
  async function session(server: ForkedSandbox, callIndex: number): Promise<{ times: Record<Step, number>; traffic: Partial<Record<Step, string>> }> {
    const times = {} as Record<Step, number>;
    const traffic: Partial<Record<Step, string>> = {};
    const timed = async (step: Step, work: () => Promise<unknown>): Promise<void> => {
      const before = await server.counters();
      const start = Date.now();
      await work();
      times[step] = Date.now() - start;
      const after = await server.counters();
      traffic[step] = `${after.requests - before.requests}/${after.connections - before.connections}`;
    };
    if (inspector.connection.state.mode !== 'sandbox') {
      // Back on the local sandbox between sessions; its own first paint settles before the clock
      // starts, so the sign-in is timed from a quiet window.
      await inspector.connection.useSandbox();
      await waitFor(() => inspector.tree.treeState() === 'ready' && inspector.tree.rootGroupCounts().length > 0, {
        description: 'the local sandbox to be painted',
        timeoutMs: 30_000,
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const { total } = await server.search(undefined, 0);
    await showWorkitemsView();
    const painted = (): Promise<unknown> =>
      waitFor(
        () => {
          const counts = inspector.tree.rootGroupCounts();
          return counts.length > 0 && counts.reduce((sum, group) => sum + group.count, 0) === total;
        },
        { description: "the tree to show the tenant's counts", timeoutMs: 60_000, intervalMs: 10 },
      );
    // The tree starts loading as soon as the connection changes, before the sign-in returns: the
    // two are timed together, and the sign-in alone beside them.
    const started = Date.now();
    await timed('sign-in', () => inspector.connection.signIn({ loginUrl: server.url, username: 'admin', password: 'admin-password' }));
    await painted();
    times['sign-in + first paint'] = Date.now() - started;
    // The view draws its root rows a moment after the model has them: a group is revealed once drawn.
    const open = (nodes: readonly TreeNode[], value: string): Promise<TreeNode[]> =>
      waitFor(() => expandGroup(inspector.tree, groupWithValue(nodes, value)).catch(() => undefined), { description: `the ${value} group to open` });
    const root = await rootNodes(inspector.tree);
    let active: TreeNode[] = [];
    await timed('open a state group', async () => (active = await open(root, 'active')));
    await timed('open a channel group (rows)', () => open(active, 'voice'));
    const [call] = (await server.search('state:active AND channelType:voice', 1, callIndex)).ids;
    assert.ok(call, 'an active call on the tenant');
    await timed('open a panel', () => runCommand(COMMANDS.openDetails, [call]));
    const held = Date.now();
    await timed('an action', async () => assert.strictEqual(await inspector.runAction('hold', call), 'done'));
    // The hold's event comes over the socket half a round trip after its answer, and the tree and
    // panel show it then: that work would fall inside the next step against the tenant only, so the
    // refresh cycle is timed from a quiet moment, as the auto-refresh finds it.
    await waitFor(() => inspector.live.lastDelivered?.change.workitemId === call && inspector.live.lastDelivered.at >= held, {
      description: "the hold's event",
      timeoutMs: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
    await timed('refresh cycle', () => inspector.tree.refreshCycle());
    // The tree started over on the connections it has (as after a change of grouping).
    await timed('first paint, warm', async () => {
      inspector.tree.reload();
      assert.deepStrictEqual(inspector.tree.rootGroupCounts(), [], 'the tree started over');
      await painted();
    });
    for (let i = 0; i < 5; i++) await inspector.tree.refresh();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // VS Code remembers which rows were open (by id, the same on both tenants): the next session
    // opens its state group alone, as a reader would, not with the channel below it.
    await vscode.commands.executeCommand(`workbench.actions.treeView.${TREE_VIEW_ID}.collapseAll`);
    return { times, traffic };
  }

  CONFIGURATIONS.forEach((configuration, index) => {
    it(`reuses its connections with ${configuration.name}`, async () => {
      await http().update('proxySupport', configuration.proxySupport, vscode.ConfigurationTarget.Global);
      await http().update('proxy', configuration.viaProxy ? proxy.url : undefined, vscode.ConfigurationTarget.Global);
      const total: Seen = { requests: 0, connections: 0, handshakes: 0, tunnels: 0 };
      const rounds: NetworkRound[] = [];
      // A first session pays what changing the settings costs once (the workbench, the extension
      // taking the new proxy settings): not a round's figure.
      await session(twin, index);
      for (let round = 1; round <= BENCH_ENV.WORKITEM_NETWORK_ROUNDS; round++) {
        // Each round holds another call (the twins hold the same data).
        const call = index + round * CONFIGURATIONS.length;
        const { times: without } = await session(twin, call);
        const before = await seen();
        const { times: withDelay, traffic } = await session(tenant, call);
        const tenantOnly = await since(before);
        for (const key of Object.keys(total) as (keyof Seen)[]) total[key] += tenantOnly[key];
        const shares = Object.fromEntries(STEPS.map((step) => [step, (withDelay[step] - without[step]) / RTT_MS]));
        rounds.push({ configuration: configuration.name, shares });
        console.log(
          `[network] ${configuration.name}, round ${round}: the network's share (${RTT_MS} ms RTT): ` +
            STEPS.map((step) => `${step} ${(shares[step] ?? 0).toFixed(1)} RTT${traffic[step] ? ` (${traffic[step]})` : ''}`).join(', ') +
            ' (requests/new connections)',
        );
      }
      console.log(
        `[network] ${configuration.name}: ${total.requests} requests over ${total.connections} TCP connections, ${total.handshakes} full TLS handshakes` +
          `${configuration.viaProxy ? `, ${total.tunnels} proxy tunnels` : ''}`,
      );
      if (BENCH_ENV.WORKITEM_NETWORK_FIGURES) {
        const figures = rounds.map((round) => ({ ...round, ...total }));
        fs.appendFileSync(BENCH_ENV.WORKITEM_NETWORK_FIGURES, figures.map((figure) => JSON.stringify(figure)).join('\n') + '\n');
      }
      assert.ok(total.requests >= 20, `${total.requests} requests`);
      // A connection per request would make these equal; a pool holds a few connections open.
      assert.ok(total.connections * 3 <= total.requests, `${total.connections} connections for ${total.requests} requests`);
      assert.ok(total.handshakes <= total.connections, `${total.handshakes} handshakes over ${total.connections} connections`);
      if (configuration.viaProxy) {
        assert.ok(total.tunnels > 0, 'the requests went through the proxy');
        assert.ok(total.tunnels <= total.connections, `${total.tunnels} tunnels`);
      } else {
        assert.strictEqual(total.tunnels, 0, 'no request went through the proxy');
      }
    });
  });
});
