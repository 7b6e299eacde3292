// The `ncxq` language's editor features: completion, hovers, diagnostics as you type and the Run
// CodeLens, each a thin adapter over the vscode-free modules in src/queryEditor.
import * as vscode from 'vscode';
import { completeAt, type CompletionKind } from '../queryEditor/completion';
import { analyzeQueryText } from '../queryEditor/diagnostics';
import { hoverAt } from '../queryEditor/hover';
import type { TenantValues } from '../queryEditor/tenantValues';
import { shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import { QUERY_LANGUAGE_ID, WORKBENCH_COMMANDS } from '../contributions';

const KINDS: Record<CompletionKind, vscode.CompletionItemKind> = {
  field: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.EnumMember,
  keyword: vscode.CompletionItemKind.Keyword,
  header: vscode.CompletionItemKind.Property,
};

export interface QueryLanguageDeps {
  /** Cached values of the connected tenant (never waits). */
  tenantValues(): TenantValues;
  /** Asks for the tenant values to be loaded (in the background). */
  warmTenantValues(): void;
}

export function registerQueryLanguage(deps: QueryLanguageDeps): vscode.Disposable[] {
  const selector: vscode.DocumentSelector = { language: QUERY_LANGUAGE_ID };
  const diagnostics = vscode.languages.createDiagnosticCollection(QUERY_LANGUAGE_ID);
  const check = (document: vscode.TextDocument): void => {
    if (document.languageId !== QUERY_LANGUAGE_ID) {
      return;
    }
    const { problems } = analyzeQueryText(document.getText());
    diagnostics.set(
      document.uri,
      problems.map((problem) => {
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(document.positionAt(problem.start), document.positionAt(problem.end)),
          problem.message,
          problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = 'ncxq';
        return diagnostic;
      }),
    );
  };
  vscode.workspace.textDocuments.forEach(check);
  return [
    diagnostics,
    vscode.workspace.onDidOpenTextDocument((document) => {
      check(document);
      if (document.languageId === QUERY_LANGUAGE_ID) deps.warmTenantValues();
    }),
    vscode.workspace.onDidChangeTextDocument((event) => check(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    vscode.languages.registerCompletionItemProvider(
      selector,
      {
        provideCompletionItems(document, position) {
          deps.warmTenantValues();
          const offset = document.offsetAt(position);
          return completeAt(document.getText(), offset, deps.tenantValues()).map((entry) => {
            const item = new vscode.CompletionItem({ label: entry.label, description: shown(entry.detail) }, KINDS[entry.kind]);
            item.insertText = entry.insertText;
            item.sortText = entry.sortText;
            item.detail = shown(entry.detail);
            item.range = new vscode.Range(document.positionAt(entry.replaceStart), position);
            if (entry.documentation) item.documentation = entry.documentation;
            return item;
          });
        },
      },
      ':',
      '@',
      ' ',
    ),
    vscode.languages.registerHoverProvider(selector, {
      provideHover(document, position) {
        const info = hoverAt(document.getText(), document.offsetAt(position));
        return info
          ? new vscode.Hover(new vscode.MarkdownString(info.markdown), new vscode.Range(document.positionAt(info.start), document.positionAt(info.end)))
          : undefined;
      },
    }),
    vscode.languages.registerCodeLensProvider(selector, {
      provideCodeLenses(document) {
        const { document: query } = analyzeQueryText(document.getText());
        const top = new vscode.Range(0, 0, 0, 0);
        return [
          new vscode.CodeLens(top, { title: l10n.t('$(play) Run'), command: WORKBENCH_COMMANDS.runQuery, arguments: [document.uri] }),
          new vscode.CodeLens(top, {
            title: l10n.t('sort: {0} · rows: {1}', query.sort ?? 'createdAt desc', query.rows),
            command: '',
          }),
          new vscode.CodeLens(top, { title: l10n.t('Copy as cURL'), command: WORKBENCH_COMMANDS.copyAsCurl, arguments: [document.uri] }),
          new vscode.CodeLens(top, { title: l10n.t('Export…'), command: WORKBENCH_COMMANDS.exportResults, arguments: [document.uri] }),
        ];
      },
    }),
  ];
}
