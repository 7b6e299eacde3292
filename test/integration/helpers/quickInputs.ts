// Quick picks and input boxes answered by the test instead of a person. The command still builds
// its items, titles and validation as it would for a user; the test sees them (`asked`) and picks
// an item by label or types a value, which is checked by the box's own validation first, as the
// real input box would before letting the user press Enter.
import * as vscode from 'vscode';

export interface AskedQuickInput {
  readonly kind: 'pick' | 'input';
  readonly title?: string;
  /** The items' labels (pick) or the prefilled value (input). */
  readonly offered: readonly string[];
  /** What the input box's validation said about the typed answer (input). */
  readonly validation?: string;
}

export interface QuickInputAnswers {
  /** The label to pick (undefined = Escape). */
  pick?: (labels: readonly string[], title: string | undefined) => string | undefined;
  /** The text to type (undefined = Escape). */
  input?: (title: string | undefined, prefilled: string | undefined) => string | undefined;
}

export interface QuickInputRecorder {
  readonly asked: readonly AskedQuickInput[];
  dispose(): void;
}

function labelOf(item: unknown): string {
  if (typeof item === 'string') {
    return item;
  }
  const label: unknown = typeof item === 'object' && item !== null ? Reflect.get(item, 'label') : undefined;
  return typeof label === 'string' ? label : '';
}

function optionText(options: unknown, name: string): string | undefined {
  const value: unknown = typeof options === 'object' && options !== null ? Reflect.get(options, name) : undefined;
  return typeof value === 'string' ? value : undefined;
}

async function validationOf(options: unknown, typed: string): Promise<string | undefined> {
  const validate: unknown = typeof options === 'object' && options !== null ? Reflect.get(options, 'validateInput') : undefined;
  if (typeof validate !== 'function') {
    return undefined;
  }
  const result: unknown = await Promise.resolve(Reflect.apply(validate, undefined, [typed]));
  if (result === undefined || result === null || result === '') {
    return undefined;
  }
  return typeof result === 'string' ? result : (optionText(result, 'message') ?? String(result));
}

/** Replaces showQuickPick / showInputBox until disposed; kinds without an answerer are left alone. */
export function answerQuickInputs(answers: QuickInputAnswers): QuickInputRecorder {
  const asked: AskedQuickInput[] = [];
  const restorers: Array<() => void> = [];
  const replace = (method: string, replacement: (...args: unknown[]) => Promise<unknown>): void => {
    const original: unknown = Reflect.get(vscode.window, method);
    if (!Reflect.set(vscode.window, method, replacement)) {
      throw new Error(`vscode.window.${method} cannot be replaced (read-only)`);
    }
    restorers.push(() => Reflect.set(vscode.window, method, original));
  };
  const pick = answers.pick;
  if (pick) {
    replace('showQuickPick', async (items, options) => {
      const list: unknown = await Promise.resolve(items);
      const offered = Array.isArray(list) ? list : [];
      const title = optionText(options, 'title');
      const labels = offered.map(labelOf);
      asked.push({ kind: 'pick', title, offered: labels });
      const chosen = pick(labels, title);
      return chosen === undefined ? undefined : offered[labels.indexOf(chosen)];
    });
  }
  const input = answers.input;
  if (input) {
    replace('showInputBox', async (options) => {
      const title = optionText(options, 'title');
      const prefilled = optionText(options, 'value');
      const typed = input(title, prefilled);
      const validation = typed === undefined ? undefined : await validationOf(options, typed);
      asked.push({ kind: 'input', title, offered: prefilled === undefined ? [] : [prefilled], validation });
      return validation === undefined ? typed : undefined;
    });
  }
  return {
    asked,
    dispose: () => {
      for (const restore of restorers.splice(0)) {
        restore();
      }
    },
  };
}
