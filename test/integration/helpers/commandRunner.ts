// Runs a command without letting a test hang on it: a command that opens a quick pick or an input
// box is answered "Escape" (the workbench's close command) until it returns, and every run is
// bounded by a timeout that names the command.
import * as vscode from 'vscode';

const CLOSE_QUICK_INPUT = 'workbench.action.closeQuickOpen';

export async function withTimeout<T>(work: Thenable<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([Promise.resolve(work), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Executes the command; bounded, but leaves any UI it opens alone. */
export function runCommand(command: string, args: readonly unknown[] = [], timeoutMs = 15_000): Promise<unknown> {
  return withTimeout(vscode.commands.executeCommand(command, ...args), timeoutMs, command);
}

/** Executes the command and dismisses every quick pick / input box it opens until it returns. */
export async function runCommandDismissingUi(command: string, args: readonly unknown[] = [], timeoutMs = 15_000): Promise<void> {
  let finished = false;
  const run = Promise.resolve(vscode.commands.executeCommand(command, ...args)).finally(() => {
    finished = true;
  });
  const dismiss = (async () => {
    while (!finished) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      if (!finished) {
        await vscode.commands.executeCommand(CLOSE_QUICK_INPUT);
      }
    }
  })();
  try {
    await withTimeout(run, timeoutMs, command);
  } finally {
    finished = true;
    await dismiss;
  }
}
