// The action history: every action sent, appended to a JSON Lines file in the extension's global
// storage. `record` resolves only once the line is on disk, so the caller can write the history
// before it shows the result. No `vscode` here (the extension gives the folder), so it is tested
// on real files in Node.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { redact } from '../log/redact';
import { AuditEntrySchema, type AuditEntry, type AuditRecord } from './auditEntry';

export const AUDIT_FILE_NAME = 'action-history.jsonl';

/** Parameter names that must never be written, whatever a caller passes. */
const SECRET_KEY = /(token|password|passwd|secret|authorization|cookie|credential|apikey|api_key)/i;
const MAX_TEXT = 2000;

export interface SkippedLine {
  /** 1-based line number in the file. */
  line: number;
  problem: string;
}

export interface AuditReadResult {
  /** Newest first. */
  entries: AuditEntry[];
  /** Lines that were not a valid entry (a crash mid-write, a hand edit): left out, not fatal. */
  skipped: SkippedLine[];
}

function clean(text: string, secrets: Iterable<string>): string {
  return redact(text, secrets).slice(0, MAX_TEXT);
}

/** The entry as it may be written: secrets cut out of every text, secret-named parameters dropped. */
export function sanitizeRecord(record: AuditRecord, secrets: Iterable<string> = []): AuditEntry {
  const known = [...secrets];
  const parameters: AuditEntry['parameters'] = {};
  for (const [key, value] of Object.entries(record.parameters)) {
    if (!SECRET_KEY.test(key)) {
      parameters[key] = typeof value === 'string' ? clean(value, known) : value;
    }
  }
  const entry: AuditEntry = {
    v: 1,
    at: record.at,
    tenant: clean(record.tenant, known),
    workitemId: clean(record.workitemId, known),
    action: clean(record.action, known),
    parameters,
    outcome: record.outcome,
    durationMs: Math.max(0, Math.round(record.durationMs)),
  };
  if (record.user !== undefined) entry.user = clean(record.user, known);
  if (record.error !== undefined) {
    entry.error = { message: clean(record.error.message, known) };
    if (record.error.kind !== undefined) entry.error.kind = record.error.kind;
    if (record.error.status !== undefined) entry.error.status = record.error.status;
  }
  return entry;
}

export interface AuditLogOptions {
  /** Exact values that must never be written (e.g. the current token), besides the patterns of `redact`. */
  secrets?: () => Iterable<string>;
}

export class AuditLog {
  readonly file: string;
  /** Appends run one after another, so two actions finishing together never interleave a line. */
  private queue: Promise<void> = Promise.resolve();
  /** Whether the file is known to end with a whole line (checked once, before the first append). */
  private tailChecked = false;

  constructor(
    readonly directory: string,
    private readonly options: AuditLogOptions = {},
  ) {
    this.file = path.join(directory, AUDIT_FILE_NAME);
  }

  /** Appends one entry; resolves when it is written (rejects when the file cannot be written). */
  record(record: AuditRecord): Promise<void> {
    const line = `${JSON.stringify(sanitizeRecord(record, this.options.secrets?.() ?? []))}\n`;
    const write = this.queue.then(async () => {
      await fs.mkdir(this.directory, { recursive: true });
      // A crash mid-write may have left half a line: start on a new one, so only that one is lost.
      const prefix = this.tailChecked || (await endsWithNewline(this.file)) ? '' : '\n';
      await fs.appendFile(this.file, prefix + line, { encoding: 'utf8', mode: 0o600 });
      this.tailChecked = true;
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  /** Every valid entry, newest first; an absent file is an empty history. */
  async read(): Promise<AuditReadResult> {
    await this.queue;
    let content: string;
    try {
      content = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], skipped: [] };
      throw error;
    }
    return parseAuditLines(content);
  }

  /** Writes a copy of the file as it is now to `target`. */
  async exportTo(target: string): Promise<void> {
    await this.queue;
    try {
      await fs.copyFile(this.file, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      await fs.writeFile(target, '');
    }
  }
}

async function endsWithNewline(file: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  } finally {
    await handle?.close();
  }
}

/** Parses JSON Lines; each line is validated on its own. */
export function parseAuditLines(content: string): AuditReadResult {
  const entries: AuditEntry[] = [];
  const skipped: SkippedLine[] = [];
  content.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skipped.push({ line: index + 1, problem: 'not JSON' });
      return;
    }
    const parsed = AuditEntrySchema.safeParse(value);
    if (parsed.success) {
      entries.push(parsed.data);
    } else {
      const issue = parsed.error.issues[0];
      skipped.push({ line: index + 1, problem: `${issue?.path.join('.') || '(line)'}: ${issue?.message ?? 'invalid'}` });
    }
  });
  // Stable: entries of the same millisecond keep the file's order, reversed.
  entries.reverse().sort((a, b) => b.at - a.at);
  return { entries, skipped };
}
