// The search answer's JSON, written from cached workitem texts, must be exactly what
// JSON.stringify writes, follow a workitem the store replaced, and stay within its capacity.
import { strict as assert } from 'node:assert';
import { generateDataset } from '../../../../src/sandbox/data';
import type { EncodedJson } from '../../../../src/sandbox/server/reply';
import { WorkitemJsonCache } from '../../../../src/sandbox/server/workitemJsonCache';
import { createStore } from '../../../../src/sandbox/store';

const NOW = Date.UTC(2025, 5, 2, 15, 30, 0);

/** The body as it goes on the wire. */
function text(body: EncodedJson): string {
  const bytes = Buffer.concat(body.chunks);
  assert.equal(bytes.length, body.byteLength, 'the declared length is the real one');
  return bytes.toString('utf8');
}

describe('sandbox/server WorkitemJsonCache', () => {
  const dataset = generateDataset({ seed: 424242, size: 300, now: NOW });

  it('writes the search envelope byte for byte as JSON.stringify does, cached or not', () => {
    const cache = new WorkitemJsonCache();
    const objects = dataset.workitems.slice(0, 120);
    const expected = JSON.stringify({ count: objects.length, total: 4321, objects });
    assert.equal(text(cache.envelope(4321, objects)), expected);
    assert.equal(text(cache.envelope(4321, objects)), expected, 'the second answer comes from the cache');
    assert.equal(text(cache.envelope(0, [])), JSON.stringify({ count: 0, total: 0, objects: [] }));
  });

  it('answers with the new text once the store has replaced a workitem', () => {
    const store = createStore(generateDataset({ seed: 424242, size: 300, now: NOW }));
    const cache = new WorkitemJsonCache();
    const live = store.search({ q: 'state:active AND channelType:voice', rows: 1, start: 0 }).objects[0];
    assert.ok(live, 'the data set has an active call');
    const before = text(cache.envelope(1, [live]));
    const held = store.apply(live.workitemId, 'hold', { now: NOW + 1000, userId: 'admin' });
    const after = text(cache.envelope(1, store.search({ q: `workitemId:"${live.workitemId}"`, rows: 1, start: 0 }).objects));
    assert.notEqual(after, before);
    assert.equal(after, JSON.stringify({ count: 1, total: 1, objects: [held] }));
  });

  it('holds no more texts than its capacity and stays correct past it', () => {
    const cache = new WorkitemJsonCache(50);
    const objects = dataset.workitems.slice(0, 200);
    for (let start = 0; start < objects.length; start += 25) {
      const page = objects.slice(start, start + 25);
      assert.equal(text(cache.envelope(200, page)), JSON.stringify({ count: page.length, total: 200, objects: page }));
    }
    assert.equal(cache.size, 50);
    assert.equal(text(cache.envelope(200, objects.slice(0, 3))), JSON.stringify({ count: 3, total: 200, objects: objects.slice(0, 3) }));
  });
});
