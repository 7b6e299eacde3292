// A scripted Ui: records every message, confirmation and pick, and answers from queues the test
// fills. A question nobody scripted is answered "dismissed" (undefined / false).
import type { Shown } from '../../../../src/model/format/shownText';
import type { InputOptions, PickItem, PickOptions, ProgressReport, SearchPickOptions, Ui } from '../../../../src/ui/ui';

export interface ShownMessage {
  level: 'info' | 'warn' | 'error';
  text: string;
  actions: string[];
}

export class FakeUi implements Ui {
  readonly messages: ShownMessage[] = [];
  readonly confirmations: Array<{ message: string; detail: string }> = [];
  readonly pickTitles: Array<string | undefined> = [];
  readonly inputs: InputOptions[] = [];
  readonly progressTitles: string[] = [];
  readonly shownTexts: Array<{ content: string; language: string }> = [];
  clipboard: string | undefined;

  /** Answers to `confirm`, in order. */
  confirmAnswers: boolean[] = [];
  /** Answers to `input`, in order. */
  inputAnswers: Array<string | undefined> = [];
  /** Buttons pressed on messages, in order (undefined = dismissed). */
  messageAnswers: Array<string | undefined> = [];
  /** Chooses among the items of each `pick`; default: dismiss. */
  choosePick: (items: Array<PickItem<unknown>>) => number | undefined = () => undefined;
  /** Texts "typed" into a `searchPick`, one search each; the first row of the last answer is taken. */
  searchTyping: string[] = [];
  /** Rows each search of a `searchPick` answered. */
  readonly searchResults: Array<{ text: string; items: Array<PickItem<unknown>> }> = [];

  info(text: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return this.message('info', text, actions);
  }

  warn(text: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return this.message('warn', text, actions);
  }

  error(text: Shown, ...actions: Shown[]): Promise<Shown | undefined> {
    return this.message('error', text, actions);
  }

  async confirm(message: string, detail: string): Promise<boolean> {
    this.confirmations.push({ message, detail });
    return this.confirmAnswers.shift() ?? false;
  }

  async pick<T>(items: Array<PickItem<T>> | Promise<Array<PickItem<T>>>, options: PickOptions): Promise<T | undefined> {
    this.pickTitles.push(options.title);
    const list = await items;
    const index = this.choosePick(list);
    return index === undefined ? undefined : list[index]?.value;
  }

  async searchPick<T>(options: SearchPickOptions<T>): Promise<T | undefined> {
    this.pickTitles.push(options.title);
    let last: Array<PickItem<T>> = [];
    for (const text of this.searchTyping) {
      last = await options.search(text, new AbortController().signal);
      this.searchResults.push({ text, items: last });
    }
    return last[0]?.value;
  }

  /** Rows ticked in a `searchPickMany`, chosen from the last search's answer; default: the first. */
  chooseMany: (items: Array<PickItem<unknown>>) => number[] = (items) => (items.length > 0 ? [0] : []);
  /** Set to cancel a cancellable progress after this many reports. */
  cancelAfterReports: number | undefined;
  readonly progressReports: string[] = [];

  async searchPickMany<T>(options: SearchPickOptions<T>): Promise<T[] | undefined> {
    this.pickTitles.push(options.title);
    let last: Array<PickItem<T>> = [];
    for (const text of this.searchTyping) {
      last = await options.search(text, new AbortController().signal);
      this.searchResults.push({ text, items: last });
    }
    const chosen = this.chooseMany(last).map((index) => last[index]?.value).filter((value): value is T => value !== undefined);
    return chosen.length > 0 ? chosen : undefined;
  }

  async withCancellableProgress<T>(title: string, task: (progress: ProgressReport, signal: AbortSignal) => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    const controller = new AbortController();
    return task(
      {
        report: (message) => {
          this.progressReports.push(message);
          if (this.cancelAfterReports !== undefined && this.progressReports.length >= this.cancelAfterReports) {
            controller.abort();
          }
        },
      },
      controller.signal,
    );
  }

  async input(options: InputOptions): Promise<string | undefined> {
    this.inputs.push(options);
    return this.inputAnswers.shift();
  }

  async withProgress<T>(title: string, task: () => Promise<T>): Promise<T> {
    this.progressTitles.push(title);
    return task();
  }

  async copyToClipboard(text: string): Promise<void> {
    this.clipboard = text;
  }

  async showText(content: string, language: string): Promise<void> {
    this.shownTexts.push({ content, language });
  }

  textsAt(level: ShownMessage['level']): string[] {
    return this.messages.filter((message) => message.level === level).map((message) => message.text);
  }

  private async message(level: ShownMessage['level'], text: Shown, actions: Shown[]): Promise<Shown | undefined> {
    this.messages.push({ level, text, actions });
    // A button can only answer with one of the texts it was offered.
    const answer = this.messageAnswers.shift();
    return actions.find((action) => action === answer);
  }
}
