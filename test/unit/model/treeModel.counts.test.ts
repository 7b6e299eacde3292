// The tree must not lie about counts, against a server whose data the change feed cannot follow:
// the manual Refresh re-counts what is on screen in one batch of parallel requests, a parent's
// count is the sum of its loaded children after it, a feed that keeps falling back stands down for
// the session, and the `tree.changeFeed` setting turns it off.
import * as assert from 'assert';
import type { RequestOptions, SearchPage, SearchParams } from '../../../src/api/workitemsApi';
import { ROOT_ID } from '../../../src/model/groupKeys';
import { FALLBACKS_BEFORE_STANDING_DOWN } from '../../../src/model/changeFeed/feedSession';
import type { WorkitemTreeModel } from '../../../src/model/workitemTreeModel';
import { differencesFromFresh } from './support/freshCompare';
import { startLiveSandbox, type LiveSandbox } from './support/liveSandbox';
import { openTree, PAGE_SIZE, type OpenTree } from './support/openTree';
import { RecordingApi } from './support/recordingApi';

/** Counts the round trips of a batch: a request that starts after another one ended opens a new one. */
class RoundTripApi extends RecordingApi {
  private started = false;
  private endedSinceLastWave = false;
  roundTrips = 0;

  startCounting(): void {
    this.roundTrips = 0;
    this.started = false;
    this.endedSinceLastWave = false;
  }

  protected override async send(params: SearchParams, options?: RequestOptions): Promise<SearchPage> {
    if (!this.started || this.endedSinceLastWave) {
      this.roundTrips++;
      this.started = true;
      this.endedSinceLastWave = false;
    }
    try {
      return await super.send(params, options);
    } finally {
      this.endedSinceLastWave = true;
    }
  }
}

describe('tree model: counts that heal (real sandbox)', function () {
  this.timeout(60_000);
  let live: LiveSandbox;
  const models: WorkitemTreeModel[] = [];

  before(async () => {
    live = await startLiveSandbox();
  });

  after(async () => {
    await live.stop();
  });

  afterEach(() => {
    models.splice(0).forEach((model) => model.dispose());
  });

  async function tree(options: Parameters<typeof openTree>[1] = {}, api?: RecordingApi): Promise<OpenTree> {
    const opened = await openTree(live, options, api);
    models.push(opened.model);
    return opened;
  }

  async function differences(opened: OpenTree): Promise<string[]> {
    return differencesFromFresh(opened.model, live.api, opened.expanded, PAGE_SIZE);
  }

  /** Each expanded group's count against the sum of its listed sub-groups' counts. */
  async function sumMismatches(model: WorkitemTreeModel, parents: readonly string[]): Promise<string[]> {
    const wrong: string[] = [];
    const top = await model.getChildren(ROOT_ID);
    const rootCount = model.rootStatus();
    const sumOf = (nodes: readonly { kind: string; count?: number }[]): number => nodes.reduce((sum, node) => sum + (node.kind === 'group' ? (node.count ?? 0) : 0), 0);
    if (rootCount.kind === 'loaded' && rootCount.total !== sumOf(top)) {
      wrong.push(`root ${rootCount.total} != ${sumOf(top)}`);
    }
    for (const parent of parents) {
      const node = top.find((candidate) => candidate.id === parent);
      const children = await model.getChildren(parent);
      if (node?.kind === 'group' && children.some((child) => child.kind === 'group') && node.count !== sumOf(children)) {
        wrong.push(`${parent} ${node.count} != ${sumOf(children)}`);
      }
    }
    return wrong;
  }

  /** A workitem stored with `modifiedAt` before W (data dated inconsistently): the feed never returns it. */
  function insertUnseen(): void {
    live.insert(live.arrival((workitem) => ({ ...workitem, modifiedAt: workitem.createdAt - 60_000 })));
  }

  it('a manual Refresh heals counts the feed cannot see, in one batch of parallel requests', async () => {
    const api = new RoundTripApi(live.api);
    const opened = await tree({ maxConcurrentRequests: 200 }, api);
    await opened.model.refresh();
    live.advance(1000);
    insertUnseen();
    insertUnseen();
    await opened.model.refresh();
    assert.notDeepStrictEqual(await differences(opened), [], 'the feed alone does not see the inconsistent workitems');
    api.reset();
    api.startCounting();
    await opened.model.recount();
    assert.deepStrictEqual(await differences(opened), []);
    assert.deepStrictEqual(await sumMismatches(opened.model, opened.expanded), []);
    const kinds = api.kinds();
    assert.ok(kinds.length > 10, kinds.join());
    assert.strictEqual(api.roundTrips, 1, `one batch: ${kinds.join()}`);
    // The feed goes on from a fresh W: the next cycle is a feed page (and the audit's sweep).
    api.reset();
    await opened.model.refresh();
    assert.deepStrictEqual(api.kinds(), ['feed+audit']);
    assert.deepStrictEqual(await differences(opened), []);
  });

  it("a parent's count equals the sum of its loaded children after each refresh cycle, with traffic", async () => {
    const opened = await tree();
    for (let cycle = 0; cycle < 6; cycle++) {
      await live.tick(2500);
      live.advance(500);
      live.insert(live.arrival());
      await opened.model.refresh();
      assert.deepStrictEqual(await sumMismatches(opened.model, opened.expanded), [], `cycle ${cycle}`);
    }
    await opened.model.recount();
    assert.deepStrictEqual(await differences(opened), []);
  });

  it(`stands down for the session, with one event, after ${FALLBACKS_BEFORE_STANDING_DOWN} fallbacks in a row`, async () => {
    const opened = await tree();
    const stopped: string[] = [];
    opened.model.onDidStopFeed((event) => stopped.push(event.reason));
    await opened.model.refresh();
    for (let cycle = 0; cycle < FALLBACKS_BEFORE_STANDING_DOWN; cycle++) {
      live.advance(60_000);
      // Created well before W but with no event: where it was counted cannot be read.
      live.insert(live.arrival((workitem) => ({ ...workitem, createdAt: workitem.createdAt - 3_600_000, timeEvents: [] })));
      await opened.model.refresh();
    }
    assert.deepStrictEqual(opened.model.stats().fallbacks, { unknownOldState: FALLBACKS_BEFORE_STANDING_DOWN });
    assert.strictEqual(stopped.length, 1);
    assert.match(stopped[0] ?? '', /fell back to re-counting 3 cycles in a row \(last: unknownOldState\)/);
    opened.api.reset();
    await opened.model.refresh();
    const kinds = opened.api.kinds();
    assert.ok(!kinds.includes('feed') && !kinds.includes('feed+audit') && !kinds.includes('probe'), kinds.join());
    assert.deepStrictEqual(await differences(opened), []);
    assert.strictEqual(stopped.length, 1, 'said once');
  });

  it('the tree.changeFeed setting off: refreshes re-count, no feed, no probe; on again, the feed resumes', async () => {
    const opened = await tree({ changeFeed: false });
    live.advance(1000);
    live.insert(live.arrival());
    opened.api.reset();
    await opened.model.refresh();
    let kinds = opened.api.kinds();
    assert.ok(kinds.length > 0 && !kinds.includes('feed') && !kinds.includes('feed+audit') && !kinds.includes('probe'), kinds.join());
    assert.deepStrictEqual(await differences(opened), []);
    opened.model.setChangeFeed(true);
    await opened.model.refresh();
    opened.api.reset();
    live.advance(1000);
    live.insert(live.arrival());
    await opened.model.refresh();
    kinds = opened.api.kinds();
    assert.ok(['feed', 'feed+audit'].includes(kinds[0] ?? ''), kinds.join());
    assert.deepStrictEqual(await differences(opened), []);
  });
});
