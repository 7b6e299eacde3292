// Streams every workitem of a query to a file as JSON, NDJSON or CSV. One page is in memory at a
// time and writing waits for the disk (backpressure), so a million workitems take the memory of
// one page. The file is written under a temporary name beside the chosen one and renamed at the
// end: a cancelled or failed export leaves nothing under the chosen name.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { NcxError } from '../api/errors';
import { SEARCH_MAX_ROWS } from '../api/paths';
import type { SearchPage, SearchParams, WorkitemsApi } from '../api/workitemsApi';
import { rowCells } from '../results/cells';

export const EXPORT_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportRequest {
  api: Pick<WorkitemsApi, 'pages'>;
  params: Omit<SearchParams, 'start' | 'rows'>;
  format: ExportFormat;
  /** CSV columns (as in the results table). */
  columns: readonly string[];
  /** The file the user chose. */
  target: string;
  signal?: AbortSignal;
  /** After each page: workitems written so far and the query's total. */
  onProgress?(written: number, total: number): void;
  pageSize?: number;
}

function formatPage(format: ExportFormat, page: SearchPage, first: boolean, columns: readonly string[]): string {
  switch (format) {
    case 'ndjson': {
      let text = '';
      for (const item of page.items) {
        text += JSON.stringify(item) + '\n';
      }
      return text;
    }
    case 'json': {
      let text = '';
      page.items.forEach((item, index) => {
        text += (first && index === 0 ? '\n' : ',\n') + JSON.stringify(item);
      });
      return text;
    }
    case 'csv':
      return stringify(
        page.items.map((item) => rowCells(item, columns)),
        first ? { header: true, columns: [...columns] } : {},
      );
  }
}

function write(stream: fs.WriteStream, text: string): Promise<void> {
  if (text === '' || stream.write(text)) {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const onDrain = (): void => {
      stream.off('error', onError);
      resolve();
    };
    const onError = (error: Error): void => {
      stream.off('drain', onDrain);
      reject(error);
    };
    stream.once('drain', onDrain);
    stream.once('error', onError);
  });
}

function close(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(4).toString('hex')}.part`);
}

/** Returns how many workitems were written. */
export async function exportWorkitems(request: ExportRequest): Promise<number> {
  const temporary = temporaryPathFor(request.target);
  const stream = fs.createWriteStream(temporary, { flags: 'wx' });
  let written = 0;
  let first = true;
  let headerWritten = false;
  try {
    if (request.format === 'json') {
      await write(stream, '[');
    }
    const pages = request.api
      .pages({ ...request.params, rows: request.pageSize ?? SEARCH_MAX_ROWS }, request.signal ? { signal: request.signal } : {})
      [Symbol.asyncIterator]();
    // The next page is asked for before this one is written: the server builds it while this side
    // formats and writes, and at most two pages are in memory. It is marked handled as it is asked
    // for: if it fails while a slow write is awaited, that is no unhandled rejection (the loop
    // still meets the failure when it awaits it).
    const ask = (): ReturnType<typeof pages.next> => {
      const page = pages.next();
      page.catch(() => undefined);
      return page;
    };
    let next = ask();
    try {
      for (;;) {
        const result = await next;
        if (result.done) break;
        next = ask();
        const page = result.value;
        if (request.signal?.aborted) {
          throw new NcxError('cancelled', 'The export was cancelled.');
        }
        if (page.items.length > 0) {
          await write(stream, formatPage(request.format, page, first, request.columns));
          first = false;
          headerWritten = true;
        }
        written += page.items.length;
        request.onProgress?.(written, page.total);
      }
    } catch (error) {
      void pages.return?.(undefined)?.catch(() => undefined);
      throw error;
    }
    if (request.format === 'json') {
      await write(stream, first ? ']\n' : '\n]\n');
    }
    if (request.format === 'csv' && !headerWritten) {
      await write(stream, stringify([], { header: true, columns: [...request.columns] }));
    }
    await close(stream);
    await fs.promises.rename(temporary, request.target);
    return written;
  } catch (error) {
    stream.destroy();
    await fs.promises.rm(temporary, { force: true });
    throw error;
  }
}

/** "12,000 of 1,000,000 · 8,000/s · 2 min left", for the progress notification. */
export function progressText(written: number, total: number, elapsedMs: number, locale = 'en'): string {
  const rate = elapsedMs > 0 ? (written * 1000) / elapsedMs : 0;
  const left = rate > 0 ? Math.max(0, total - written) / rate : undefined;
  const number = (value: number): string => Math.round(value).toLocaleString(locale);
  const remaining =
    left === undefined ? '' : left >= 90 ? ` · ${number(left / 60)} min left` : ` · ${number(left)} s left`;
  return `${number(written)} of ${number(total)} · ${number(rate)}/s${remaining}`;
}
