// The sandbox the extension started for itself, reached two ways: through the extension (its tree,
// panels, commands) and DIRECTLY over HTTP with the project's own client, signed in as the
// sandbox's admin, so a test can compare what the extension shows with what the server says.
import * as vscode from 'vscode';
import { signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { VIEW_CONTAINER_ID } from '../../../src/contributions';
import { SANDBOX_ADMIN } from '../../../src/connection/connectionTypes';
import { inspectorApi, type WorkitemInspectorApi } from './inspector';
import { openRemoteTenant, TENANT_MODE } from './remoteTenant';
import { applyQuietSandboxSettings } from './testSettings';
import { waitFor } from './waitFor';

export interface SandboxSession {
  readonly inspector: WorkitemInspectorApi;
  /** e.g. http://127.0.0.1:43125 */
  readonly url: string;
  /** The sandbox's own answers, bypassing the extension. */
  readonly server: NcxClient;
}

/** A client per sandbox URL: the sandbox restarts (on another port) when its settings change. */
const clients = new Map<string, Promise<NcxClient>>();

async function directClient(url: string): Promise<NcxClient> {
  const grant = await signIn({ loginUrl: url, ...SANDBOX_ADMIN });
  // No retries: a test must see the server's first answer.
  return new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });
}

export async function showWorkitemsView(): Promise<void> {
  await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
}

async function treeShown(inspector: WorkitemInspectorApi): Promise<void> {
  await showWorkitemsView();
  await waitFor(() => inspector.tree.treeState() === 'ready' && inspector.tree.rootGroupCounts().length > 0, {
    description: 'the Workitems view to show its root groups',
    timeoutMs: 20_000,
  });
}

/**
 * Quiet settings, the local sandbox as the connection, the Workitems view in front and loaded.
 * Resolves once the extension is connected to the sandbox and the tree shows its root rows.
 * Under WORKITEM_TEST_TENANT=remote, the sandbox is a remote HTTPS tenant behind a proxy instead
 * (see remoteTenant.ts).
 */
export async function openSandboxSession(): Promise<SandboxSession> {
  const inspector = await inspectorApi();
  if (TENANT_MODE === 'remote') {
    await applyQuietSandboxSettings();
    const remote = await openRemoteTenant(inspector);
    await treeShown(inspector);
    return { inspector, ...remote };
  }
  const before = inspector.connection.state;
  const changed = await applyQuietSandboxSettings();
  if (changed.includes('sandbox.traffic') && before.mode === 'sandbox' && before.status === 'connected') {
    // A running sandbox is restarted with the new settings: wait until the old one is let go.
    await waitFor(() => inspector.connection.state.status !== 'connected' || inspector.connection.state.host !== before.host, {
      description: 'the extension to let go of the sandbox it started with living traffic',
      intervalMs: 20,
    });
  }
  if (inspector.connection.state.mode !== 'sandbox') {
    await inspector.connection.useSandbox();
  }
  await showWorkitemsView();
  const url = await waitFor(
    async () => {
      await inspector.connection.getApi();
      const { mode, status, host, username } = inspector.connection.state;
      return mode === 'sandbox' && status === 'connected' && username === SANDBOX_ADMIN.username && host !== undefined && `http://${host}`;
    },
    { description: 'the extension to connect to its sandbox as admin', timeoutMs: 30_000, intervalMs: 200 },
  );
  await treeShown(inspector);
  let server = clients.get(url);
  if (server === undefined) {
    server = directClient(url);
    clients.set(url, server);
  }
  return { inspector, url, server: await server };
}
