// With WORKITEM_TEST_TENANT=remote (`npm run test:integration:remote`), the suites that take a
// sandbox session meet an NCX tenant the way a user in the field does, instead of the extension's
// own sandbox on loopback: HTTPS on 127.0.0.2 (a host VS Code's proxy support treats as remote)
// with 20 ms added each way, its CA given through the `network.caFile` setting, every request
// through a CONNECT proxy set as `http.proxy`, and a sign-in with a password. At the end of the run
// the proxy's and the server's counters say whether the extension really went that way and kept
// its connections alive.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { z } from 'zod';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { Transport } from '../../../src/api/transport';
import { SANDBOX_ADMIN } from '../../../src/connection/connectionTypes';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox';
import { startConnectProxy, type ConnectProxy } from '../../network/connectProxy';
import type { WorkitemInspectorApi } from './inspector';
import { writeUserSetting } from './testSettings';
import { waitFor } from './waitFor';

export const TENANT_MODE = z.enum(['local', 'remote']).default('local').parse(process.env.WORKITEM_TEST_TENANT);

const LATENCY_MS = 20;
/** As the extension's own sandbox by default: the suites pick their workitems from that data. */
const SIZE = 5000;

interface RemoteTenant {
  sandbox: RunningSandbox;
  proxy: ConnectProxy;
  folder: string;
  /** The test's own way in: the same CA, no proxy. */
  server: NcxClient;
}

let started: Promise<RemoteTenant> | undefined;

async function start(): Promise<RemoteTenant> {
  const sandbox = await startSandbox({ port: 0, size: SIZE, traffic: false, host: '127.0.0.2', tls: true, latencyMs: LATENCY_MS });
  const proxy = await startConnectProxy();
  const ca = fs.readFileSync(sandbox.caPath ?? '', 'utf8');
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'remote-tenant-'));
  const caFile = path.join(folder, 'gateway-ca.pem');
  fs.writeFileSync(caFile, ca);
  await writeUserSetting('network.caFile', caFile);
  // Actions without the 15-minute allowance: the suites act on this tenant as on the sandbox.
  await writeUserSetting('ncx.protected', false);
  await vscode.workspace.getConfiguration('http').update('proxy', proxy.url, vscode.ConfigurationTarget.Global);
  const transport = new Transport();
  transport.configure({ extraCa: [ca] });
  const grant = await signIn({ loginUrl: sandbox.url, ...SANDBOX_ADMIN, transport });
  const server = new NcxClient({ location: grant.location, token: () => grant.token, transport, retries: 0 });
  return { sandbox, proxy, folder, server };
}

/**
 * The extension signed in to the remote tenant as its admin (again, when a suite went back to the
 * local sandbox); resolves with the tenant's URL and a direct client.
 */
export async function openRemoteTenant(inspector: WorkitemInspectorApi): Promise<{ url: string; server: NcxClient }> {
  started ??= start();
  const tenant = await started;
  const { mode, status, host } = inspector.connection.state;
  if (mode !== 'ncx' || status !== 'connected' || host !== new URL(tenant.sandbox.url).host) {
    await inspector.connection.signIn({ loginUrl: tenant.sandbox.url, ...SANDBOX_ADMIN });
  }
  // The events socket goes the way requests go (the proxy, the CA), or live changes would fall back to polling.
  await waitFor(() => inspector.live.mode === 'socket', {
    description: `the events socket to open through the proxy (live changes: ${inspector.live.mode})`,
    timeoutMs: 15_000,
  });
  return { url: tenant.sandbox.url, server: tenant.server };
}

/**
 * After the run: what went over the network, and what is wrong with it (nothing through the proxy,
 * or a connection per request). Stops the tenant and the proxy and puts `http.proxy` back.
 */
export async function finishRemoteTenant(): Promise<{ summary: string; problems: string[] } | undefined> {
  if (started === undefined) return undefined;
  const { sandbox, proxy, folder } = await started;
  started = undefined;
  const requests = sandbox.counters.requests;
  const connections = sandbox.network?.connections ?? sandbox.counters.connections;
  const summary =
    `[remote tenant] ${requests} requests over ${connections} TCP connections, ${sandbox.counters.tlsHandshakes} full TLS handshakes, ` +
    `${proxy.counters.tunnels} CONNECT tunnels (${LATENCY_MS} ms each way)`;
  const problems: string[] = [];
  if (proxy.counters.tunnels === 0) problems.push('no request went through the proxy');
  if (connections * 3 > requests) problems.push(`${connections} connections for ${requests} requests: connections are not kept alive`);
  await vscode.workspace.getConfiguration('http').update('proxy', undefined, vscode.ConfigurationTarget.Global);
  await sandbox.stop();
  await proxy.close();
  fs.rmSync(folder, { recursive: true, force: true });
  return { summary, problems };
}
