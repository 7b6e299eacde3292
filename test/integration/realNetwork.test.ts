// The extension on a real network, inside VS Code: an NCX tenant over HTTPS on 127.0.0.2 (another
// host than localhost, so VS Code's proxy support treats it as remote) with 20 ms added each way,
// its CA given the way a user would (the `workitemInspector.network.caFile` setting). The same
// session (sign-in, first paint, two groups opened, a panel, an action, five Refreshes) runs with
// `http.proxySupport` at its default (`override`), `off`, and through a CONNECT proxy set as
// `http.proxy`. Each must reuse its connections: far fewer TCP connections and TLS handshakes than
// requests. The figures are printed; the request counts are exact, the times indicative.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../src/config/settings';
import { COMMANDS } from '../../src/contributions';
import { startSandbox, type RunningSandbox } from '../../src/sandbox';
import { startConnectProxy, type ConnectProxy } from '../network/connectProxy';
import { runCommand } from './helpers/commandRunner';
import { inspectorApi, type WorkitemInspectorApi } from './helpers/inspector';
import { openSandboxSession, showWorkitemsView } from './helpers/sandboxSession';
import { expandGroup, groupWithValue, rootNodes } from './helpers/treeWalk';
import { waitFor } from './helpers/waitFor';

const LATENCY_MS = 20;
const RTT_MS = 2 * LATENCY_MS;

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
  let tenant: RunningSandbox;
  let proxy: ConnectProxy;
  const http = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration('http');
  const ours = (): vscode.WorkspaceConfiguration => vscode.workspace.getConfiguration(SETTINGS_SECTION);

  before(async () => {
    await openSandboxSession();
    inspector = await inspectorApi();
    tenant = await startSandbox({ port: 0, size: 2000, seed: 31, traffic: false, host: '127.0.0.2', tls: true, latencyMs: LATENCY_MS });
    proxy = await startConnectProxy();
    assert.ok(tenant.caPath, 'the HTTPS sandbox wrote its CA');
    await ours().update('network.caFile', tenant.caPath, vscode.ConfigurationTarget.Global);
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
    await proxy?.close();
  });

  function seen(): Seen {
    return {
      requests: tenant.counters.requests,
      connections: tenant.network?.connections ?? tenant.counters.connections,
      handshakes: tenant.counters.tlsHandshakes,
      tunnels: proxy.counters.tunnels,
    };
  }

  function since(before: Seen): Seen {
    const now = seen();
    return {
      requests: now.requests - before.requests,
      connections: now.connections - before.connections,
      handshakes: now.handshakes - before.handshakes,
      tunnels: now.tunnels - before.tunnels,
    };
  }

  /** Wall time of `step` in round trips (indicative: the workbench's own time is in it too). */
  async function timed(step: () => Promise<unknown>): Promise<string> {
    const start = Date.now();
    await step();
    return `${((Date.now() - start) / RTT_MS).toFixed(1)} RTT`;
  }

  function rootTotal(): number {
    return tenant.store.search({ rows: 0, start: 0 }).total;
  }

  for (const configuration of CONFIGURATIONS) {
    it(`reuses its connections with ${configuration.name}`, async () => {
      await http().update('proxySupport', configuration.proxySupport, vscode.ConfigurationTarget.Global);
      await http().update('proxy', configuration.viaProxy ? proxy.url : undefined, vscode.ConfigurationTarget.Global);
      if (inspector.connection.state.mode !== 'sandbox') await inspector.connection.useSandbox();
      const before = seen();
      const figures: Record<string, string> = {};

      figures['sign-in + first paint'] = await timed(async () => {
        await inspector.connection.signIn({ loginUrl: tenant.url, username: 'admin', password: 'admin-password' });
        await showWorkitemsView();
        await waitFor(
          () => {
            const counts = inspector.tree.rootGroupCounts();
            return counts.length > 0 && counts.reduce((sum, group) => sum + group.count, 0) === rootTotal();
          },
          { description: 'the tree to show the tenant\'s counts', timeoutMs: 30_000 },
        );
      });
      const afterPaint = since(before);
      // The view draws its root rows a moment after the model has them: a group is revealed once drawn.
      const open = (nodes: Awaited<ReturnType<typeof rootNodes>>, value: string) =>
        waitFor(() => expandGroup(inspector.tree, groupWithValue(nodes, value)).catch(() => undefined), { description: `the ${value} group to open` });
      const root = await rootNodes(inspector.tree);
      let active: Awaited<ReturnType<typeof rootNodes>> = [];
      figures['open a state group'] = await timed(async () => (active = await open(root, 'active')));
      figures['open a channel group (rows)'] = await timed(() => open(active, 'voice'));
      const [call] = tenant.store.search({ q: 'state:active AND channelType:voice', rows: 1, start: 0 }).objects;
      assert.ok(call, 'an active call on the tenant');
      figures['open a panel'] = await timed(() => runCommand(COMMANDS.openDetails, [call.workitemId]));
      figures['an action'] = await timed(async () => assert.strictEqual(await inspector.runAction('hold', call.workitemId), 'done'));
      for (let i = 0; i < 5; i++) await inspector.tree.refresh();
      const total = since(before);

      const line = Object.entries(figures).map(([what, value]) => `${what} ${value}`).join(', ');
      console.log(
        `[network] ${configuration.name}: ${total.requests} requests over ${total.connections} TCP connections, ${total.handshakes} TLS handshakes` +
          `${configuration.viaProxy ? `, ${total.tunnels} proxy tunnels` : ''}; first paint alone ${afterPaint.requests} requests over ${afterPaint.connections} connections; ${line}`,
      );
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
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });
  }
});
