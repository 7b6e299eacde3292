import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Journal, JournalCorruptError } from '../../../../src/sandbox/persistence/journal';
import type { JournalEntry } from '../../../../src/sandbox/persistence/journalEntry';

const T0 = Date.UTC(2025, 2, 16, 16, 0, 0);

function holdOf(workitemId: string, offset: number): JournalEntry {
  return { kind: 'apply', workitemId, action: 'hold', context: { now: T0 + offset, userId: 'jason.fontenot' } };
}

describe('sandbox journal', () => {
  let directory: string;
  let file: string;
  const open: Journal[] = [];

  beforeEach(async () => {
    directory = await fs.mkdtemp(path.join(os.tmpdir(), 'ncx-journal-'));
    file = path.join(directory, 'journal.jsonl');
  });

  afterEach(async () => {
    await Promise.all(open.splice(0).map((journal) => journal.close()));
    await fs.rm(directory, { recursive: true, force: true });
  });

  async function openJournal(): Promise<Awaited<ReturnType<typeof Journal.open>>> {
    const opened = await Journal.open(file);
    open.push(opened.journal);
    return opened;
  }

  it('gives back, in order, what was appended before a reopen', async () => {
    const first = await openJournal();
    assert.deepEqual(first.contents, { entries: [], tornBytes: 0 });
    await Promise.all([first.journal.append(holdOf('wi_1', 1)), first.journal.append(holdOf('wi_2', 2))]);
    await first.journal.append(holdOf('wi_3', 3));
    await first.journal.close();

    const second = await openJournal();
    assert.deepEqual(
      second.contents.entries.map((entry) => entry.kind === 'apply' && entry.workitemId),
      ['wi_1', 'wi_2', 'wi_3'],
    );
  });

  it('writes each acknowledged entry to the file before resolving', async () => {
    const { journal } = await openJournal();
    const appends = Array.from({ length: 25 }, (_, index) => journal.append(holdOf(`wi_${index + 1}`, index)));
    await appends[0];
    const afterFirst = (await fs.readFile(file, 'utf8')).split('\n').filter(Boolean).length;
    assert.ok(afterFirst >= 1);
    await Promise.all(appends);
    const lines = (await fs.readFile(file, 'utf8')).trimEnd().split('\n');
    assert.equal(lines.length, 25);
    assert.deepEqual(JSON.parse(lines[24] ?? ''), holdOf('wi_25', 24));
  });

  it('ignores a torn last line and cuts it off so later appends stay readable', async () => {
    const { journal } = await openJournal();
    await journal.append(holdOf('wi_7', 1));
    await journal.close();
    const whole = JSON.stringify(holdOf('wi_8', 2));
    await fs.appendFile(file, whole.slice(0, whole.length - 9));

    const reopened = await openJournal();
    assert.equal(reopened.contents.entries.length, 1);
    assert.equal(reopened.contents.tornBytes, whole.length - 9);
    await reopened.journal.append(holdOf('wi_9', 3));
    await reopened.journal.close();

    const third = await openJournal();
    assert.deepEqual(
      third.contents.entries.map((entry) => entry.kind === 'apply' && entry.workitemId),
      ['wi_7', 'wi_9'],
    );
  });

  it('refuses a journal damaged before its last line', async () => {
    const good = JSON.stringify(holdOf('wi_1', 1));
    await fs.writeFile(file, `${good}\n{"kind":"apply"\n${good}\n`);
    await assert.rejects(Journal.open(file), JournalCorruptError);
  });

  it('refuses appends after close', async () => {
    const { journal } = await openJournal();
    await journal.close();
    await assert.rejects(journal.append(holdOf('wi_1', 1)), /closed/);
  });
});
