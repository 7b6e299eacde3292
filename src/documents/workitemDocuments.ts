// Workitems as read-only JSON documents (`ncx-workitem:` scheme): the editor's folding, search,
// outline and copy on exactly what the server sent. A refresh or an action re-reads the open ones;
// "Compare with Previous" diffs the version shown before that against the one now.
import * as vscode from 'vscode';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import { readWorkitemPath, WORKITEM_SCHEME, workitemPath, WorkitemVersions } from './workitemDocumentUris';

export interface WorkitemDocumentDeps {
  getApi(): Promise<WorkitemsApi>;
  /** `user@host` of the current connection. */
  connectionKey(): string;
}

export class WorkitemDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  readonly versions = new WorkitemVersions();
  private readonly registration: vscode.Disposable;

  constructor(private readonly deps: WorkitemDocumentDeps) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(WORKITEM_SCHEME, this);
  }

  uriFor(workitemId: string, previous = false): vscode.Uri {
    const { path, query } = workitemPath({ connection: this.deps.connectionKey(), workitemId, previous });
    return vscode.Uri.from({ scheme: WORKITEM_SCHEME, path, query });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const address = readWorkitemPath(uri.path, uri.query);
    if (!address) {
      return l10n.t('// Not a workitem address: {0}', uri.toString());
    }
    if (address.previous) {
      return (
        this.versions.previous(address.connection, address.workitemId) ??
        this.versions.current(address.connection, address.workitemId) ??
        ''
      );
    }
    if (address.connection !== this.deps.connectionKey()) {
      return this.versions.current(address.connection, address.workitemId) ?? l10n.t('// This workitem belongs to another connection.');
    }
    const workitem = await (await this.deps.getApi()).fetchWorkitem(address.workitemId);
    const text = JSON.stringify(workitem, null, 2) + '\n';
    this.versions.record(address.connection, address.workitemId, text);
    return text;
  }

  /** Re-reads the open document(s) of a workitem (after a refresh or an action); all when no id. */
  refresh(workitemId?: string): void {
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== WORKITEM_SCHEME) {
        continue;
      }
      const address = readWorkitemPath(document.uri.path, document.uri.query);
      if (address && !address.previous && (workitemId === undefined || address.workitemId === workitemId)) {
        this.changed.fire(document.uri);
        this.changed.fire(this.uriFor(address.workitemId, true));
      }
    }
  }

  async open(workitemId: string): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(this.uriFor(workitemId));
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    return vscode.window.showTextDocument(document, { preview: false });
  }

  /** Reads the workitem anew, then diffs the version shown before against it. */
  async compareWithPrevious(workitemId: string): Promise<void> {
    const current = this.uriFor(workitemId);
    if (this.versions.current(this.deps.connectionKey(), workitemId) === undefined) {
      await this.provideTextDocumentContent(current);
    }
    await vscode.commands.executeCommand(
      'vscode.diff',
      this.uriFor(workitemId, true),
      current,
      l10n.t('{0}: before ↔ now', workitemId),
      { preview: false },
    );
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}
