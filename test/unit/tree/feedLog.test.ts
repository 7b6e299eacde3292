import * as assert from 'assert';
import type { Log } from '../../../src/log/log';
import { ModelEmitter } from '../../../src/model/events';
import { ROOT_ID } from '../../../src/model/groupKeys';
import { WorkitemTreeModel, type FeedFallback, type FeedStopped } from '../../../src/model/workitemTreeModel';
import { logFeedEvents } from '../../../src/views/tree/feedLog';
import { FakeWorkitemsApi, ObjectStore } from '../model/support/fakeWorkitemsApi';
import { makeWorkitems } from '../model/support/fixtures';

type Level = keyof Log;

function recordingLog(): { log: Log; lines: Array<[Level, string]> } {
  const lines: Array<[Level, string]> = [];
  const at = (level: Level) => (message: string) => void lines.push([level, message]);
  return { lines, log: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

/** First paint sends the feed's probe behind the counts; a refresh waits for the probe's answer. */
async function firstPaintAndRefresh(model: WorkitemTreeModel): Promise<void> {
  await model.getChildren(ROOT_ID);
  await model.refresh();
}

describe('tree: change feed events in the log', () => {
  const models: WorkitemTreeModel[] = [];
  afterEach(() => models.splice(0).forEach((model) => model.dispose()));

  function modelOverFake(): { api: FakeWorkitemsApi; model: WorkitemTreeModel } {
    // The fake answers the feed's probe (sorted by modifiedAt) with a 400, as a server without the feed would.
    const api = new FakeWorkitemsApi(new ObjectStore(makeWorkitems([['active', 'voice', 3], ['hold', 'chat', 1]])));
    const model = new WorkitemTreeModel({ api });
    models.push(model);
    return { api, model };
  }

  it('writes one warning when the server refuses the feed: that it stopped, why, and that refreshes re-count', async () => {
    const { model } = modelOverFake();
    const { log, lines } = recordingLog();
    logFeedEvents(model, log);
    await firstPaintAndRefresh(model);
    await model.refresh();
    assert.strictEqual(lines.length, 1, JSON.stringify(lines));
    const [level, line] = lines[0];
    assert.strictEqual(level, 'warn');
    assert.match(line, /stopped reading the change feed/);
    assert.match(line, /rejected the change feed query \(The fake sorts only by createdAt desc/);
    assert.match(line, /every refresh re-counts the groups on screen/);
  });

  it('writes nothing more once its subscriptions are disposed', async () => {
    const { api, model } = modelOverFake();
    const { log, lines } = recordingLog();
    const subscriptions = logFeedEvents(model, log);
    await firstPaintAndRefresh(model);
    assert.strictEqual(lines.length, 1);
    subscriptions.forEach((subscription) => subscription.dispose());
    // A new client is given the feed again, and refuses it again: the model says so, the log no longer listens.
    const stopped: string[] = [];
    model.onDidStopFeed((event) => stopped.push(event.reason));
    model.setApi(api);
    await firstPaintAndRefresh(model);
    assert.strictEqual(stopped.length, 1);
    assert.strictEqual(lines.length, 1);
  });

  it('writes why a refresh re-counted at debug level, one line per fallback', () => {
    const stops = new ModelEmitter<FeedStopped>();
    const fallbacks = new ModelEmitter<FeedFallback>();
    const { log, lines } = recordingLog();
    logFeedEvents({ onDidStopFeed: stops.event, onDidFallBack: fallbacks.event }, log);
    fallbacks.fire({ reason: 'overflow' });
    fallbacks.fire({ reason: 'unknownOldState' });
    assert.deepStrictEqual(
      lines.map(([level]) => level),
      ['debug', 'debug'],
    );
    assert.match(lines[0][1], /\(overflow: more changes than one feed page\)/);
    assert.match(lines[1][1], /\(unknownOldState: a changed workitem's timeline does not say where it was\)/);
  });
});
