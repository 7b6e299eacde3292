// The append-only journal (one JSON line per mutation). `append` resolves only once the line is
// on disk (fsync), so an answer sent after it can never be lost; appends that arrive while a sync
// is running are written and synced together as one batch.
import { promises as fs } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { fsyncDirectory } from './fsyncFile';
import { JournalEntrySchema, type JournalEntry } from './journalEntry';

export class JournalCorruptError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`Journal ${path.basename(file)} is damaged at line ${line} (${reason}); move the data directory aside to start afresh.`);
    this.name = 'JournalCorruptError';
  }
}

export interface JournalContents {
  entries: JournalEntry[];
  /** Bytes of an unfinished last line (a write cut short by a crash), dropped from the file. */
  tornBytes: number;
}

interface PendingLine {
  line: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

function parseLine(line: string): JournalEntry | undefined {
  try {
    const parsed = JournalEntrySchema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Reads a journal; an unreadable last line counts as torn, an unreadable earlier one is an error. */
export function parseJournal(file: string, text: string): JournalContents {
  const lastNewline = text.lastIndexOf('\n');
  const complete = text.slice(0, lastNewline + 1);
  let tornBytes = Buffer.byteLength(text.slice(lastNewline + 1));
  const lines = complete.split('\n').slice(0, -1);
  const entries: JournalEntry[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const entry = parseLine(line);
    if (entry) {
      entries.push(entry);
    } else if (index === lines.length - 1) {
      tornBytes += Buffer.byteLength(line) + 1;
    } else {
      throw new JournalCorruptError(file, index + 1, 'not a journal entry');
    }
  }
  return { entries, tornBytes };
}

export class Journal {
  private pending: PendingLine[] = [];
  private flushing = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => undefined;
  private failure: unknown;
  private closed = false;

  private constructor(
    private readonly handle: FileHandle,
    readonly file: string,
  ) {}

  /** Opens (creating if needed) the journal, returning what it holds; a torn tail is cut off. */
  static async open(file: string): Promise<{ journal: Journal; contents: JournalContents }> {
    const existed = await fs
      .stat(file)
      .then(() => true)
      .catch(() => false);
    const text = existed ? await fs.readFile(file, 'utf8') : '';
    const contents = parseJournal(file, text);
    if (contents.tornBytes > 0) {
      // Appending after a torn tail would glue the next entry onto it.
      await fs.truncate(file, Buffer.byteLength(text) - contents.tornBytes);
    }
    const handle = await fs.open(file, 'a');
    if (!existed) {
      await fsyncDirectory(path.dirname(file));
    }
    return { journal: new Journal(handle, file), contents };
  }

  /** Resolves once the entry is durable. The entry is serialised now, so later edits do not leak in. */
  append(entry: JournalEntry): Promise<void> {
    if (this.closed) {
      return Promise.reject(new Error('The journal is closed.'));
    }
    if (this.failure !== undefined) {
      return Promise.reject(this.failure);
    }
    const line = `${JSON.stringify(entry)}\n`;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      this.startFlushing();
    });
  }

  /** Waits for pending appends, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    await this.idle;
    await this.handle.close();
  }

  private startFlushing(): void {
    if (this.flushing) {
      return;
    }
    this.flushing = true;
    this.idle = new Promise<void>((resolve) => {
      this.markIdle = resolve;
    });
    void this.flush();
  }

  private async flush(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (this.failure !== undefined) {
          throw this.failure;
        }
        await this.handle.write(batch.map((pending) => pending.line).join(''));
        await this.handle.sync();
        batch.forEach((pending) => pending.resolve());
      } catch (error) {
        // After a failed write the file's tail is unknown: refuse further appends.
        this.failure = error;
        batch.forEach((pending) => pending.reject(error));
      }
    }
    this.flushing = false;
    this.markIdle();
  }
}
