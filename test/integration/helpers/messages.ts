// What the extension told the user. The extension and these tests share one `vscode` API object
// (both live in the extension's folder), so wrapping its message functions sees every message the
// extension shows; the wrapped functions still show them. A test may instead answer the messages
// that ask something (a modal dialog, a notification with buttons) as the user would, by a button
// label: the workbench refuses modal dialogs while tests run (the promise rejects), and nobody
// clicks a notification, whose promise would stay pending.
import * as vscode from 'vscode';

export type MessageSeverity = 'info' | 'warning' | 'error';

export interface ShownMessage {
  readonly severity: MessageSeverity;
  readonly text: string;
  /** A modal dialog (e.g. a confirmation), not a notification. */
  readonly modal: boolean;
}

export interface MessageRecorder {
  /** Every message since the recorder started, oldest first. */
  readonly shown: readonly ShownMessage[];
  /** A position to pass to `since`. */
  mark(): number;
  since(mark: number): ShownMessage[];
  /**
   * From now on, messages that offer buttons (and every modal one) are not shown but answered by
   * `choose`, given the button labels (undefined = dismissed). Without it they go to the workbench.
   */
  answerQuestions(choose: ((buttons: readonly string[], message: ShownMessage) => string | undefined) | undefined): void;
  dispose(): void;
}

const METHOD_OF: Readonly<Record<MessageSeverity, string>> = {
  info: 'showInformationMessage',
  warning: 'showWarningMessage',
  error: 'showErrorMessage',
};

function isModal(options: unknown): boolean {
  return typeof options === 'object' && options !== null && Reflect.get(options, 'modal') === true;
}

export function recordMessages(): MessageRecorder {
  const shown: ShownMessage[] = [];
  let chooseButton: ((buttons: readonly string[], message: ShownMessage) => string | undefined) | undefined;
  const restorers: Array<() => void> = [];
  const dispose = (): void => {
    for (const restore of restorers.splice(0)) {
      restore();
    }
  };
  for (const [severity, method] of Object.entries(METHOD_OF) as Array<[MessageSeverity, string]>) {
    const original: unknown = Reflect.get(vscode.window, method);
    if (typeof original !== 'function') {
      dispose();
      throw new Error(`vscode.window.${method} is not a function`);
    }
    const recording = (...args: unknown[]): unknown => {
      const message: ShownMessage = { severity, text: String(args[0]), modal: isModal(args[1]) };
      shown.push(message);
      const buttons = args.slice(1).filter((button): button is string => typeof button === 'string');
      if (chooseButton !== undefined && (message.modal || buttons.length > 0)) {
        return Promise.resolve(chooseButton(buttons, message));
      }
      return Reflect.apply(original, vscode.window, args);
    };
    if (!Reflect.set(vscode.window, method, recording)) {
      dispose();
      throw new Error(`vscode.window.${method} cannot be observed (read-only)`);
    }
    restorers.push(() => Reflect.set(vscode.window, method, original));
  }
  return {
    shown,
    mark: () => shown.length,
    since: (mark) => shown.slice(mark),
    answerQuestions: (choose) => {
      chooseButton = choose;
    },
    dispose,
  };
}
