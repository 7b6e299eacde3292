// The commands of the query library: save a query (from an editor, the results panel, a tree
// group or the history), open one in an editor, rename, delete, pin to the Workitems tree and
// unpin, clear the history. Each works on the connected tenant's library only.
import * as vscode from 'vscode';
import type { LibraryQuery, QueryLibrary, SavedQuery } from '../model/queries/queryLibrary';
import { queryDocumentText } from '../queryEditor/queryDocument';
import type { Ui } from '../ui/ui';
import type { Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import { QUERY_LANGUAGE_ID, type WORKBENCH_COMMANDS } from '../contributions';
import type { QueryRow } from './queriesView';

export interface QueryLibraryCommandDeps {
  library: QueryLibrary;
  /** The connected tenant's name (`sandbox`, or the tenant's host). */
  tenant(): string;
  /** The query an argument names (an editor's URI, a results query, a tree group), or the active editor's. */
  queryOf(arg: unknown): (LibraryQuery & { title: string }) | undefined;
  ui: Ui;
}

type LibraryCommand = 'saveQuery' | 'openQueryInEditor' | 'renameSavedQuery' | 'deleteSavedQuery' | 'pinQuery' | 'unpinQuery' | 'clearQueryHistory';

function isRow(arg: unknown): arg is QueryRow {
  return typeof arg === 'object' && arg !== null && 'kind' in arg && ['saved', 'history', 'section'].includes(String((arg as { kind: unknown }).kind));
}

export function createQueryLibraryCommands(
  deps: QueryLibraryCommandDeps,
): Record<LibraryCommand & keyof typeof WORKBENCH_COMMANDS, (...args: unknown[]) => Promise<unknown>> {
  const { library, ui } = deps;

  /** A saved query named by a row of the Queries view, or picked from the tenant's saved ones. */
  const savedOf = async (arg: unknown, placeholder: Shown): Promise<SavedQuery | undefined> => {
    if (isRow(arg) && arg.kind === 'saved') return library.find(deps.tenant(), arg.query.id) ?? arg.query;
    const saved = library.saved(deps.tenant());
    if (saved.length === 0) throw new Error(l10n.t('No query is saved for {0} yet.', deps.tenant()));
    return ui.pick(
      saved.map((query) => ({ label: l10n.t('{0}', query.name), description: l10n.t('{0}', query.q), value: query })),
      { placeholder },
    );
  };

  const queryOfArg = (arg: unknown): (LibraryQuery & { title: string }) | undefined => {
    if (isRow(arg)) {
      if (arg.kind === 'saved') return { ...arg.query, title: arg.query.name };
      if (arg.kind === 'history') return { ...arg.entry, title: arg.entry.q };
      return undefined;
    }
    return deps.queryOf(arg);
  };

  const askName = (value: string): Promise<string | undefined> =>
    ui.input({
      title: l10n.t('Save Query for {0}', deps.tenant()),
      prompt: l10n.t('A name for the query (a name already used replaces that query).'),
      value,
      validate: (text) => (text.trim() === '' ? l10n.t('Give the query a name.') : undefined),
    });

  return {
    saveQuery: async (arg) => {
      const query = queryOfArg(arg);
      if (query === undefined) throw new Error(l10n.t('Open a workitem query, a query result or a history entry to save it.'));
      const tenant = deps.tenant();
      const name = await askName(query.title === query.q ? '' : query.title);
      if (name === undefined) return;
      const saved = await library.save(tenant, name, query);
      void ui.info(l10n.t('Saved the query "{0}" for {1}.', saved.name, tenant));
    },
    openQueryInEditor: async (arg) => {
      const query = queryOfArg(arg);
      if (query === undefined) throw new Error(l10n.t('Choose a saved or recent query to open.'));
      const document = await vscode.workspace.openTextDocument({
        language: QUERY_LANGUAGE_ID,
        content: queryDocumentText({ ...query, tenant: deps.tenant() }),
      });
      await vscode.window.showTextDocument(document);
    },
    renameSavedQuery: async (arg) => {
      const saved = await savedOf(arg, l10n.t('The query to rename'));
      if (saved === undefined) return;
      const name = await ui.input({ title: l10n.t('Rename "{0}"', saved.name), prompt: l10n.t('The new name.'), value: saved.name });
      if (name === undefined) return;
      await library.rename(deps.tenant(), saved.id, name);
    },
    deleteSavedQuery: async (arg) => {
      const saved = await savedOf(arg, l10n.t('The query to delete'));
      if (saved === undefined) return;
      const confirmed = await ui.confirm(
        l10n.t('Delete the saved query "{0}" of {1}?', saved.name, deps.tenant()),
        saved.pinned ? l10n.t('It is pinned to the Workitems view; its group goes too.') : l10n.t('{0}', saved.q),
        l10n.t('Delete'),
      );
      if (confirmed) await library.remove(deps.tenant(), saved.id);
    },
    pinQuery: async (arg) => {
      let saved: SavedQuery | undefined;
      if (isRow(arg) && arg.kind === 'saved') {
        saved = library.find(deps.tenant(), arg.query.id);
      } else if (isRow(arg) || deps.queryOf(arg) !== undefined) {
        // Pinning an unsaved query saves it first: a pinned group is a saved query.
        const query = queryOfArg(arg);
        if (query === undefined) return;
        const name = await askName(query.title === query.q ? '' : query.title);
        if (name === undefined) return;
        saved = await library.save(deps.tenant(), name, query);
      } else {
        saved = await savedOf(arg, l10n.t('The query to pin to the Workitems view'));
      }
      if (saved === undefined) return;
      await library.setPinned(deps.tenant(), saved.id, true);
    },
    unpinQuery: async (arg) => {
      const pinnedId = typeof arg === 'object' && arg !== null && 'queryId' in arg ? String((arg as { queryId: unknown }).queryId) : undefined;
      const saved = pinnedId !== undefined ? library.find(deps.tenant(), pinnedId) : await savedOf(arg, l10n.t('The query to unpin'));
      if (saved === undefined) return;
      await library.setPinned(deps.tenant(), saved.id, false);
    },
    clearQueryHistory: async () => {
      const tenant = deps.tenant();
      const count = library.history(tenant).length;
      if (count === 0) return;
      const confirmed = await ui.confirm(
        l10n.t('Clear the {0} recent queries of {1}?', count, tenant),
        l10n.t('Saved queries are kept.'),
        l10n.t('Clear History'),
      );
      if (confirmed) await library.clearHistory(tenant);
    },
  };
}
