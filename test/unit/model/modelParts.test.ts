import * as assert from 'assert';
import { NcxError } from '../../../src/api/errors';
import { deferredWorkitemsApi } from '../../../src/connection/deferredApi';
import { describeFetchFailure, isCancellation } from '../../../src/model/fetchFailure';
import { dimensionsFor, groupIdOf, OTHER_GROUP_VALUE, parentIdOf, segmentsOf, workitemNodeIdOf } from '../../../src/model/groupKeys';
import { RequestLimiter } from '../../../src/model/requestLimiter';
import { withoutCoveredDescendants } from '../../../src/model/shownNodes';
import { ageOf, workitemLabel } from '../../../src/model/workitemText';
import { FakeWorkitemsApi, ObjectStore } from './support/fakeWorkitemsApi';
import { makeWorkitem, makeWorkitems } from './support/fixtures';

describe('tree model parts', () => {
  describe('node ids', () => {
    it('orders grouping levels per mode', () => {
      assert.deepStrictEqual(dimensionsFor('stateChannel'), ['state', 'channel']);
      assert.deepStrictEqual(dimensionsFor('channelState'), ['channel', 'state']);
      assert.deepStrictEqual(dimensionsFor('none'), []);
    });

    it('files unknown values under "other"', () => {
      const workitem = makeWorkitem(1, { state: 'parked', channelType: 'voice' });
      assert.deepStrictEqual(segmentsOf(workitem, ['state', 'channel']), [
        { dimension: 'state', value: OTHER_GROUP_VALUE },
        { dimension: 'channel', value: 'voice' },
      ]);
    });

    it('finds the parent of any id, even of a workitem whose id holds a slash', () => {
      const group = groupIdOf([{ dimension: 'state', value: 'active' }, { dimension: 'channel', value: 'voice' }]);
      assert.strictEqual(group, 'state:active/channel:voice');
      assert.strictEqual(parentIdOf(workitemNodeIdOf(group, 'a/b/c')), group);
      assert.strictEqual(parentIdOf(group), 'state:active');
      assert.strictEqual(parentIdOf('state:active'), '');
      assert.strictEqual(parentIdOf(workitemNodeIdOf('', 'wi/1')), '');
    });
  });

  describe('change normalisation', () => {
    it('drops ids whose ancestor is reported, since refreshing it re-renders them', () => {
      assert.deepStrictEqual(
        withoutCoveredDescendants(new Set(['state:active', 'state:active/channel:voice', 'state:active/channel:voice/wi:wi_1', 'state:hold/channel:sms'])),
        ['state:active', 'state:hold/channel:sms'],
      );
      assert.deepStrictEqual(withoutCoveredDescendants(new Set(['state:hold', ''])), ['']);
    });
  });

  describe('fetch failures', () => {
    it('chooses the row from the error kind, never the text', () => {
      assert.deepStrictEqual(describeFetchFailure(new NcxError('unauthorized', 'x')).action, 'signIn');
      assert.deepStrictEqual(describeFetchFailure(new NcxError('network', 'x')).reason, 'unreachable');
      assert.deepStrictEqual(describeFetchFailure(new NcxError('timeout', 'unauthorized')).reason, 'unreachable');
      assert.deepStrictEqual(describeFetchFailure(new NcxError('malformed', 'x')).reason, 'failed');
      assert.ok(isCancellation(new NcxError('cancelled', 'x')));
      assert.ok(!isCancellation(new NcxError('network', 'x')));
    });
  });

  describe('request limiter', () => {
    it('never runs more tasks at once than allowed, and runs them all', async () => {
      const limiter = new RequestLimiter(3);
      let running = 0;
      let peak = 0;
      const task = async (value: number): Promise<number> => {
        running++;
        peak = Math.max(peak, running);
        await new Promise<void>((resolve) => setImmediate(resolve));
        running--;
        return value * 2;
      };
      const results = await Promise.all(Array.from({ length: 10 }, (_, index) => limiter.run(() => task(index))));
      assert.strictEqual(peak, 3);
      assert.deepStrictEqual(results, Array.from({ length: 10 }, (_, index) => index * 2));
    });

    it('frees the slot of a task that failed', async () => {
      const limiter = new RequestLimiter(1);
      await assert.rejects(limiter.run(() => Promise.reject(new Error('boom'))));
      assert.strictEqual(await limiter.run(() => Promise.resolve('next')), 'next');
    });
  });

  describe('workitem text', () => {
    it('labels a workitem by contact name, else by its addresses, else by its id', () => {
      const withContact = makeWorkitem(0, { state: 'active', channelType: 'voice' });
      assert.deepStrictEqual(workitemLabel(withContact), { kind: 'contact', name: 'Maria Garcia' });
      const noName = { ...withContact, contact: { _id: 'ct_1', company: 'Acme Corp' } };
      assert.deepStrictEqual(workitemLabel(noName), { kind: 'contact', name: 'Acme Corp' });
      const noContact = { ...withContact, contact: undefined };
      assert.deepStrictEqual(workitemLabel(noContact), { kind: 'route', from: '+18005552000', to: '+18005559999' });
      assert.deepStrictEqual(workitemLabel({ ...noContact, from: ' ', to: undefined }), { kind: 'id', id: 'wi_10000' });
    });

    it('tells age in the largest whole unit', () => {
      const now = 1_700_000_000_000;
      assert.deepStrictEqual(ageOf(now - 42_000, now), { value: 42, unit: 'seconds' });
      assert.deepStrictEqual(ageOf(now - 5 * 60_000, now), { value: 5, unit: 'minutes' });
      assert.deepStrictEqual(ageOf(now - 30 * 3_600_000, now), { value: 30, unit: 'hours' });
      assert.deepStrictEqual(ageOf(now - 3 * 86_400_000, now), { value: 3, unit: 'days' });
      assert.deepStrictEqual(ageOf(now + 5_000, now), { value: 0, unit: 'seconds' });
    });
  });

  describe('deferred api', () => {
    it('asks for the real client at each call, so a connect failure is that call\'s error', async () => {
      const real = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 2]])));
      let connected = false;
      const api = deferredWorkitemsApi(async () => {
        if (!connected) {
          throw new NcxError('network', 'The sandbox did not start');
        }
        return real;
      });
      await assert.rejects(api.count(undefined), (error: NcxError) => error.kind === 'network');
      connected = true;
      assert.strictEqual(await api.count('state:"active"'), 2);
      const pages = [];
      for await (const page of api.pages({ rows: 1 })) {
        pages.push(page.items.map((item) => item.workitemId));
      }
      assert.deepStrictEqual(pages, [['wi_10000'], ['wi_10001']]);
    });
  });
});
