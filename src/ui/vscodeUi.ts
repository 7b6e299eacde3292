// The `Ui` of the running extension: thin calls into `vscode.window` and friends.
import * as vscode from 'vscode';
import { DebouncedSearch } from './debouncedSearch';
import { l10n } from './l10n';
import type { Shown } from '../model/format/shownText';
import type { InputOptions, PickItem, PickOptions, ProgressReport, SearchPickOptions, Ui } from './ui';

const SEARCH_DEBOUNCE_MS = 250;

interface ValueItem<T> extends vscode.QuickPickItem {
  value?: T;
}

function toQuickPickItems<T>(items: Array<PickItem<T>>): Array<ValueItem<T>> {
  return items.map((item) => ({
    label: item.label,
    description: item.description,
    detail: item.detail,
    value: item.value,
  }));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class VscodeUi implements Ui {
  info(message: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return Promise.resolve(vscode.window.showInformationMessage(message, ...actions));
  }

  warn(message: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return Promise.resolve(vscode.window.showWarningMessage(message, ...actions));
  }

  error(message: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return Promise.resolve(vscode.window.showErrorMessage(message, ...actions));
  }

  async confirm(message: Shown, detail: Shown, confirmLabel: Shown): Promise<boolean> {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, confirmLabel);
    return answer === confirmLabel;
  }

  async pick<T>(items: Array<PickItem<T>> | Promise<Array<PickItem<T>>>, options: PickOptions): Promise<T | undefined> {
    const quickPickItems: Promise<Array<ValueItem<T>>> = Promise.resolve(items).then((list) => toQuickPickItems(list));
    const chosen = await vscode.window.showQuickPick<ValueItem<T>>(quickPickItems, {
      title: options.title,
      placeHolder: options.placeholder,
      matchOnDescription: options.matchOnDetails,
      matchOnDetail: options.matchOnDetails,
    });
    return chosen?.value;
  }

  searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve) => {
      const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
      quickPick.title = options.title;
      quickPick.placeholder = options.placeholder;
      // The server already matched the text; VS Code's own fuzzy filter would hide its answers.
      quickPick.matchOnDescription = true;
      quickPick.matchOnDetail = true;
      const search = new DebouncedSearch<Array<PickItem<T>>>(
        {
          search: (text, signal) => options.search(text, signal),
          onResult: (_text, items) => {
            quickPick.items =
              items.length > 0
                ? toQuickPickItems(items).map((item) => ({ ...item, alwaysShow: true }))
                : [{ label: options.emptyLabel ?? l10n.t('No matching workitems'), alwaysShow: true }];
          },
          onError: (_text, error) => {
            quickPick.items = [{ label: l10n.t('Search failed: {0}', errorText(error)), alwaysShow: true }];
          },
          onBusy: (busy) => {
            quickPick.busy = busy;
          },
        },
        SEARCH_DEBOUNCE_MS,
      );
      let settled = false;
      const finish = (value: T | undefined): void => {
        if (settled) {
          return;
        }
        settled = true;
        search.dispose();
        quickPick.dispose();
        resolve(value);
      };
      quickPick.onDidChangeValue((text) => search.update(text));
      quickPick.onDidAccept(() => {
        const value = quickPick.selectedItems[0]?.value;
        if (value !== undefined) {
          finish(value);
        }
      });
      quickPick.onDidHide(() => finish(undefined));
      quickPick.show();
      search.update('', true);
    });
  }

  searchPickMany<T>(options: SearchPickOptions<T>): Promise<T[] | undefined> {
    return new Promise<T[] | undefined>((resolve) => {
      const quickPick = vscode.window.createQuickPick<ValueItem<T>>();
      quickPick.title = options.title;
      quickPick.placeholder = options.placeholder;
      quickPick.canSelectMany = true;
      quickPick.matchOnDescription = true;
      quickPick.matchOnDetail = true;
      // Ticked rows by label: a new search must not untick what an earlier one showed.
      const ticked = new Map<string, ValueItem<T>>();
      let settingItems = false;
      const search = new DebouncedSearch<Array<PickItem<T>>>(
        {
          search: (text, signal) => options.search(text, signal),
          onResult: (_text, items) => {
            const found = toQuickPickItems(items).filter((item) => !ticked.has(item.label));
            settingItems = true;
            quickPick.items = [...ticked.values(), ...found].map((item) => ({ ...item, alwaysShow: true }));
            quickPick.selectedItems = quickPick.items.filter((item) => ticked.has(item.label));
            settingItems = false;
          },
          onError: (_text, error) => {
            quickPick.items = [{ label: l10n.t('Search failed: {0}', errorText(error)), alwaysShow: true }];
          },
          onBusy: (busy) => {
            quickPick.busy = busy;
          },
        },
        SEARCH_DEBOUNCE_MS,
      );
      let settled = false;
      const finish = (value: T[] | undefined): void => {
        if (settled) {
          return;
        }
        settled = true;
        search.dispose();
        quickPick.dispose();
        resolve(value);
      };
      quickPick.onDidChangeSelection((selected) => {
        if (settingItems) return;
        ticked.clear();
        for (const item of selected) {
          if (item.value !== undefined) ticked.set(item.label, item);
        }
      });
      quickPick.onDidChangeValue((text) => search.update(text));
      quickPick.onDidAccept(() => {
        const values = [...ticked.values()].map((item) => item.value).filter((value): value is T => value !== undefined);
        if (values.length > 0) {
          finish(values);
        }
      });
      quickPick.onDidHide(() => finish(undefined));
      quickPick.show();
      search.update('', true);
    });
  }

  input(options: InputOptions): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: options.title,
        prompt: options.prompt,
        placeHolder: options.placeholder,
        value: options.value,
        password: options.password,
        ignoreFocusOut: true,
        validateInput: options.validate ? (value) => options.validate?.(value) : undefined,
      }),
    );
  }

  withProgress<T>(title: Shown, task: () => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => task()),
    );
  }

  withCancellableProgress<T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> {
    return Promise.resolve(
      vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title, cancellable: true },
        (progress, token) => {
          const controller = new AbortController();
          const subscription = token.onCancellationRequested(() => controller.abort());
          return task(
            { report: (message, increment) => progress.report({ message, increment }) },
            controller.signal,
          ).finally(() => subscription.dispose());
        },
      ),
    );
  }

  async copyToClipboard(text: string): Promise<void> {
    await vscode.env.clipboard.writeText(text);
  }

  async showText(content: string, language: string): Promise<void> {
    const document = await vscode.workspace.openTextDocument({ content, language });
    await vscode.window.showTextDocument(document, { preview: true });
  }
}
