import * as assert from 'node:assert/strict';
import { DebouncedSearch } from '../../../src/ui/debouncedSearch';
import { deferred, type Deferred } from './helpers/deferredApi';
import { ManualClock } from '../../support/manualClock';

const DELAY_MS = 250;

function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function searchRig() {
  const clock = new ManualClock();
  const searches: Array<{ text: string; signal: AbortSignal; answer: Deferred<string[]> }> = [];
  const results: Array<[string, string[]]> = [];
  const busy: boolean[] = [];
  const search = new DebouncedSearch<string[]>(
    {
      search: (text, signal) => {
        const answer = deferred<string[]>();
        searches.push({ text, signal, answer });
        return answer.promise;
      },
      onResult: (text, result) => results.push([text, result]),
      onError: () => assert.fail('no search fails here'),
      onBusy: (value) => busy.push(value),
    },
    DELAY_MS,
    clock,
  );
  return { clock, searches, results, busy, search };
}

describe('DebouncedSearch (search as you type)', () => {
  it('sends one request for a burst of keystrokes: the text as it stood when typing paused', () => {
    const { clock, searches, search } = searchRig();
    for (const text of ['w', 'wi', 'wi_', 'wi_1']) {
      search.update(text);
      clock.advance(DELAY_MS - 1);
    }
    assert.equal(searches.length, 0);
    clock.advance(1);
    assert.deepEqual(
      searches.map((entry) => entry.text),
      ['wi_1'],
    );
    search.dispose();
  });

  it('aborts the older request when a newer text is searched, and never shows its late answer', async () => {
    const { clock, searches, results, search } = searchRig();
    search.update('hold');
    clock.advance(DELAY_MS);
    search.update('holding');
    clock.advance(DELAY_MS);
    const [older, newer] = searches;
    assert.ok(older?.signal.aborted, 'the superseded request was aborted');
    assert.ok(!newer?.signal.aborted);

    newer?.answer.resolve(['wi_2']);
    await flush();
    older?.answer.resolve(['wi_1']);
    await flush();
    assert.deepEqual(results, [['holding', ['wi_2']]]);
    search.dispose();
  });

  it('searches at once when asked to (the first, empty text) and reports busy around the request', async () => {
    const { searches, busy, search } = searchRig();
    search.update('', true);
    assert.equal(searches.length, 1);
    assert.deepEqual(busy, [true]);
    searches[0]?.answer.resolve([]);
    await flush();
    assert.deepEqual(busy, [true, false]);
    search.dispose();
  });

  it('after dispose, sends nothing more and aborts what runs', () => {
    const { clock, searches, search } = searchRig();
    search.update('a', true);
    search.update('ab');
    search.dispose();
    clock.advance(DELAY_MS * 4);
    assert.equal(searches.length, 1);
    assert.ok(searches[0]?.signal.aborted);
    assert.equal(clock.pendingCount, 0);
  });
});
