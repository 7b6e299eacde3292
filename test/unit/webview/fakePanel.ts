// Test doubles for the detail panel controller: a webview host that records what it is given, an
// API serving scripted answers, timers fired by hand, and a log that keeps its lines.
import type { TranscriptObject } from '../../../src/api/transcriptContract';
import type { Recording } from '../../../src/api/workitemsApi';
import * as assert from 'assert';
import type { Campaign, Disposition, Queue, User, Workitem } from '../../../src/api/schemas';
import type { RequestOptions, SearchPage, WorkitemsApi } from '../../../src/api/workitemsApi';
import type { DetailPageConfig } from '../../../src/webviews/detailHtml';
import type { PanelHost, PanelLog } from '../../../src/webviews/detailPanelController';
import { parseExtensionMessage, type ExtensionMessage } from '../../../src/webviews/messages';
import { escapeHtml } from '../../../src/webviews/html/escape';
import { attribute, tokenize } from './htmlTokens';
import { CSP_SOURCE, SCRIPT_URI, STYLE_URI } from './renderInput';

export class FakeHost implements PanelHost {
  readonly cspSource = CSP_SOURCE;
  readonly assets = { scriptUri: SCRIPT_URI, styleUri: STYLE_URI };
  visible = true;
  /** Each page as it was shown: a load, or the loaded page with a patch applied (as media/detail.js does). */
  readonly htmls: string[] = [];
  /** The pages loaded whole (each with its own nonce). */
  readonly loads: string[] = [];
  readonly posted: ExtensionMessage[] = [];
  /** What the next patch posted answers (false: the page did not take it). */
  deliverPatches = true;

  isVisible(): boolean {
    return this.visible;
  }

  setHtml(html: string): void {
    this.htmls.push(html);
    this.loads.push(html);
  }

  postMessage(message: ExtensionMessage): PromiseLike<boolean> {
    // Everything the extension sends must match its own schema.
    const parsed = parseExtensionMessage(message);
    assert.ok(parsed.ok, parsed.ok ? '' : `posted an invalid message: ${parsed.problem}`);
    this.posted.push(message);
    if (message.type === 'patch') {
      if (!this.deliverPatches) return Promise.resolve(false);
      this.htmls.push(patched(this.lastHtml, message));
    }
    return Promise.resolve(true);
  }

  get lastHtml(): string {
    const html = this.htmls[this.htmls.length - 1];
    assert.ok(html !== undefined, 'nothing rendered yet');
    return html;
  }

  get config(): DetailPageConfig {
    const body = tokenize(this.lastHtml).tags.find((tag) => tag.name === 'body');
    assert.ok(body);
    return JSON.parse(attribute(body, 'data-config') ?? '') as DetailPageConfig;
  }

  nonceOf(html: string): string {
    const script = tokenize(html).tags.find((tag) => tag.name === 'script');
    assert.ok(script);
    return attribute(script, 'nonce') ?? '';
  }

  postedOf<T extends ExtensionMessage['type']>(type: T): Array<Extract<ExtensionMessage, { type: T }>> {
    return this.posted.filter((message): message is Extract<ExtensionMessage, { type: T }> => message.type === type);
  }
}

/**
 * The page after a patch, as the page's script leaves it: each section sent replaces the element of
 * its id (sections are top-level and never nested in one another), sections no longer in `order`
 * are gone, new ones are placed before the sections that follow them, and the config is the patch's.
 */
export function patched(page: string, message: Extract<ExtensionMessage, { type: 'patch' }>): string {
  const elementOf = (id: string): RegExp => new RegExp(`<(header|section)[^>]*\\bid="${id}"[^>]*>[\\s\\S]*?</\\1>`);
  let out = page.replace(/data-config="[^"]*"/, () => `data-config="${escapeHtml(JSON.stringify(message.config))}"`);
  const shown = new Set(message.order);
  for (const match of page.matchAll(/<section[^>]*\bid="([a-z]+)"/g)) {
    if (!shown.has(match[1] as never)) out = out.replace(elementOf(match[1] ?? ''), '');
  }
  for (const section of message.sections) {
    const present = elementOf(section.id);
    if (present.test(out)) {
      out = out.replace(present, () => section.html);
      continue;
    }
    const next = message.order.slice(message.order.indexOf(section.id) + 1).find((id) => elementOf(id).test(out));
    const anchor = next === undefined ? /<\/main>/ : new RegExp(`<section[^>]*\\bid="${next}"`);
    out = out.replace(anchor, (found) => `${section.html}\n${found}`);
  }
  return out;
}

type Answer = Workitem | Error | Promise<Workitem>;

/** Answers `fetchWorkitem` from a script of answers; the last one repeats. */
export class ScriptedApi implements WorkitemsApi {
  fetches = 0;
  readonly signals: AbortSignal[] = [];
  private answers: Answer[];

  constructor(...answers: Answer[]) {
    this.answers = answers;
  }

  answerNext(...answers: Answer[]): void {
    this.answers = answers;
  }

  async fetchWorkitem(_id: string, options?: RequestOptions): Promise<Workitem> {
    this.fetches += 1;
    if (options?.signal) this.signals.push(options.signal);
    const answer = this.answers.length > 1 ? this.answers.shift() : this.answers[0];
    if (answer instanceof Error) throw answer;
    assert.ok(answer !== undefined, 'no scripted answer');
    return structuredClone(await answer);
  }

  search(): Promise<SearchPage> {
    throw new Error('not used by the panel');
  }
  pages(): AsyncIterable<SearchPage> {
    throw new Error('not used by the panel');
  }
  count(): Promise<number> {
    throw new Error('not used by the panel');
  }
  act(): Promise<Workitem | undefined> {
    throw new Error('actions go through deps.runAction');
  }
  listQueues(): Promise<Queue[]> {
    throw new Error('not used by the panel');
  }
  listUsers(): Promise<User[]> {
    throw new Error('not used by the panel');
  }
  listDispositions(): Promise<Disposition[]> {
    throw new Error('not used by the panel');
  }
  listCampaigns(): Promise<Campaign[]> {
    throw new Error('not used by the panel');
  }

  transcript(): Promise<TranscriptObject | undefined> {
    return Promise.resolve(this.transcriptAnswer);
  }

  recording(): Promise<Recording> {
    return Promise.resolve({ bytes: new Uint8Array([82, 73, 70, 70]), contentType: 'audio/wav' });
  }

  /** What `transcript` answers. */
  transcriptAnswer: TranscriptObject | undefined;
}

export class RecordingLog implements PanelLog {
  readonly lines: Array<[level: string, message: string]> = [];
  debug(message: string): void {
    this.lines.push(['debug', message]);
  }
  info(message: string): void {
    this.lines.push(['info', message]);
  }
  warn(message: string): void {
    this.lines.push(['warn', message]);
  }
  error(message: string): void {
    this.lines.push(['error', message]);
  }
  at(level: string): string[] {
    return this.lines.filter(([lineLevel]) => lineLevel === level).map(([, message]) => message);
  }
}

/** Lets pending promise callbacks run. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export { deferred } from '../commands/helpers/deferredApi';
