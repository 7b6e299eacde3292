// Everything the commands and the connection ask of the user goes through this interface, so their
// logic runs in plain Node tests against a fake and in VS Code against `vscodeUi.ts`.
//
// Every text here lands on a surface that renders `[text](command:…)` links or `$(icon)` syntax, so
// each one is `Shown` (src/model/format/shownText.ts): a server's string does not compile here until
// it went through `shown()` or was an argument of `l10n.t`.
import type { Shown } from '../model/format/shownText';

export interface PickItem<T> {
  label: Shown;
  description?: Shown;
  detail?: Shown;
  value: T;
}

export interface PickOptions {
  title?: Shown;
  placeholder?: Shown;
  /** Let the typed text match `description` / `detail` too, not only the label. */
  matchOnDetails?: boolean;
}

export interface SearchPickOptions<T> {
  title?: Shown;
  placeholder?: Shown;
  /**
   * Answers the typed text; called again (debounced) as the user types. The signal aborts
   * when a newer text supersedes this one or the pick closes.
   */
  search(text: string, signal: AbortSignal): Promise<Array<PickItem<T>>>;
  /** Shown as the only row when a search found nothing. */
  emptyLabel?: Shown;
}

export interface InputOptions {
  title?: Shown;
  prompt?: Shown;
  placeholder?: Shown;
  value?: string;
  password?: boolean;
  /** Returns the reason the value is not acceptable, or undefined when it is. */
  validate?(value: string): Shown | undefined;
}

/** Reports how far a long task is; `increment` is in percent of the whole. */
export interface ProgressReport {
  report(message: string, increment: number): void;
}

export interface Ui {
  info(message: Shown, ...actions: Shown[]): Promise<Shown | undefined>;
  warn(message: Shown, ...actions: Shown[]): Promise<Shown | undefined>;
  error(message: Shown, ...actions: Shown[]): Promise<Shown | undefined>;
  /** A modal question; true only when the user pressed `confirmLabel`. */
  confirm(message: Shown, detail: Shown, confirmLabel: Shown): Promise<boolean>;
  pick<T>(items: Array<PickItem<T>> | Promise<Array<PickItem<T>>>, options: PickOptions): Promise<T | undefined>;
  searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined>;
  /** The same search-as-you-type pick, where several rows can be ticked (kept while the text changes). */
  searchPickMany<T>(options: SearchPickOptions<T>): Promise<T[] | undefined>;
  input(options: InputOptions): Promise<string | undefined>;
  withProgress<T>(title: Shown, task: () => Promise<T>): Promise<T>;
  /** A progress notification with a Cancel button, which aborts the signal the task gets. */
  withCancellableProgress<T>(title: Shown, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T>;
  copyToClipboard(text: string): Promise<void>;
  /** Opens read-only-ish text (e.g. validation issues) in an untitled editor. */
  showText(content: string, language: string): Promise<void>;
}
