// Export with the user in the loop: a save dialog, then a cancellable progress notification with
// the count, the rate and the time left.
import { VscodeUi } from '../ui/vscodeUi';
import * as vscode from 'vscode';
import type { SearchParams, WorkitemsApi } from '../api/workitemsApi';
import { EXPORT_FORMATS, exportWorkitems, progressText, type ExportFormat } from '../export/exporter';
import { l10n } from '../ui/l10n';

export interface ExportTarget {
  params: Omit<SearchParams, 'start' | 'rows'>;
  columns: readonly string[];
  /** For the file name offered. */
  name: string;
}

const FILTERS: Record<string, string[]> = { 'NDJSON (one workitem a line)': ['ndjson'], JSON: ['json'], CSV: ['csv'] };

export async function exportWithProgress(api: WorkitemsApi, target: ExportTarget): Promise<number | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const base = target.name.replace(/[^\w.-]+/g, '-').slice(0, 60) || 'workitems';
  const uri = await vscode.window.showSaveDialog({
    title: l10n.t('Export workitems'),
    filters: FILTERS,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `${base}.ndjson`) } : {}),
  });
  if (!uri) return undefined;
  const extension = uri.path.split('.').pop()?.toLowerCase() ?? '';
  const format: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(extension) ? (extension as ExportFormat) : 'ndjson';
  const ui = new VscodeUi();
  const written = await ui.withCancellableProgress(
    l10n.t('Exporting workitems'),
    (progress, signal) => {
      const started = Date.now();
      let reported = 0;
      return exportWorkitems({
        api,
        params: target.params,
        format,
        columns: target.columns,
        target: uri.fsPath,
        signal,
        onProgress: (count, total) => {
          const share = total > 0 ? (count / total) * 100 : 100;
          progress.report(progressText(count, total, Date.now() - started, vscode.env.language), share - reported);
          reported = share;
        },
      });
    },
  );
  void ui.info(l10n.t('Exported {0} workitems to {1}.', written, uri.fsPath));
  return written;
}
