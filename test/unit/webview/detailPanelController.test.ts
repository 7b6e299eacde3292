import * as assert from 'assert';
import type { WorkitemAction } from '../../../src/api/domain';
import { NcxError } from '../../../src/api/errors';
import type { Workitem } from '../../../src/api/schemas';
import { untranslated } from '../../../src/model/format/l10n';
import { DetailPanelController, type DetailPanelControllerDeps } from '../../../src/webviews/detailPanelController';
import { createNonce } from '../../../src/webviews/nonce';
import { deferred, FakeHost, RecordingLog, ScriptedApi, settle } from './fakePanel';
import { ManualClock } from '../../support/manualClock';
import { callOnHold, heldAndRetrievedCall, longCall, MINUTE, T0 } from './fixtures/workitems';

const INTERVAL = 10_000;
const READY_TIMEOUT = 30_000;

interface Rig {
  controller: DetailPanelController;
  host: FakeHost;
  api: ScriptedApi;
  timers: ManualClock;
  log: RecordingLog;
  actions: Array<[WorkitemAction, string]>;
  copied: string[];
  deps: DetailPanelControllerDeps;
}

function rig(api: ScriptedApi, overrides: Partial<DetailPanelControllerDeps> = {}, id = 'wi_20001'): Rig {
  const host = new FakeHost();
  const timers = new ManualClock();
  const log = new RecordingLog();
  const actions: Array<[WorkitemAction, string]> = [];
  const copied: string[] = [];
  let now = T0 + 10 * MINUTE;
  const deps: DetailPanelControllerDeps = {
    getApi: () => api,
    permissions: () => ['workitems:read', 'workitems:write'],
    runAction: async (action, workitemId) => {
      actions.push([action, workitemId]);
      return { outcome: 'done' };
    },
    log,
    refreshIntervalMs: () => INTERVAL,
    l10n: untranslated,
    time: () => ({ locale: 'en-US', timeZone: 'UTC' }),
    now: () => (now += 1000),
    createNonce,
    copyText: async (text) => {
      copied.push(text);
    },
    timers,
    readyTimeoutMs: READY_TIMEOUT,
    ...overrides,
  };
  return { controller: new DetailPanelController(id, host, deps), host, api, timers, log, actions, copied, deps };
}

/** What the page's script does on load. */
function pageReady(r: Rig): void {
  r.controller.handleMessage({ type: 'ready', renderId: r.host.config.renderId });
}

/** Starts `work`, answers `ready` for every render it makes, and waits for it. */
async function withReady(r: Rig, work: Promise<void>): Promise<void> {
  let done = false;
  const finished = work.finally(() => {
    done = true;
  });
  let answered = r.host.htmls.length;
  for (let i = 0; i < 20 && !done; i += 1) {
    await settle();
    if (r.host.htmls.length > answered) {
      answered = r.host.htmls.length;
      pageReady(r);
    }
  }
  await finished;
}

function changed(workitem: Workitem, patch: Partial<Workitem>): Workitem {
  return { ...workitem, ...patch };
}

describe('DetailPanelController', () => {
  it('resolves load only once the page posted ready for that render', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    let loaded = false;
    const loading = r.controller.load().then(() => {
      loaded = true;
    });
    await settle();
    await settle();
    assert.strictEqual(r.host.htmls.length, 1);
    assert.strictEqual(loaded, false, 'resolved before ready');
    r.controller.handleMessage({ type: 'ready', renderId: r.host.config.renderId + 5 });
    await settle();
    assert.strictEqual(loaded, false, 'a ready of another render does not count');
    pageReady(r);
    await loading;
    const snapshot = r.controller.snapshot();
    assert.strictEqual(snapshot.kind, 'workitem');
    assert.strictEqual(snapshot.ready, true);
    assert.strictEqual(snapshot.state, 'active');
    assert.deepStrictEqual(snapshot.actions, ['hold', 'hangup', 'transfer']);
  });

  it('also waits for ready when the first fetch fails and the page shows the error', async () => {
    const r = rig(new ScriptedApi(new NcxError('network', 'ECONNREFUSED')));
    let loaded = false;
    const loading = r.controller.load().then(() => {
      loaded = true;
    });
    await settle();
    await settle();
    assert.strictEqual(r.controller.snapshot().kind, 'error');
    assert.strictEqual(loaded, false);
    pageReady(r);
    await loading;
  });

  it('does not wait for a page that is not visible (it loads when shown)', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    r.host.visible = false;
    await r.controller.load();
    assert.strictEqual(r.host.htmls.length, 1);
    assert.deepStrictEqual(r.timers.delays(), [], 'no polling while hidden');
  });

  it('rejects load when the page never posts ready', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    const loading = r.controller.load();
    await settle();
    await settle();
    assert.strictEqual(r.timers.fire(READY_TIMEOUT), 1);
    await assert.rejects(loading, /did not finish loading/);
  });

  it('sends a loaded page only the sections that changed, and loads a page anew with a fresh nonce', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call, changed(call, { state: 'hold' }), changed(call, { state: 'active', priority: 5 })));
    await withReady(r, r.controller.load());
    await withReady(r, r.controller.refresh());
    await withReady(r, r.controller.refresh());
    assert.strictEqual(r.host.loads.length, 1, 'one load: both changes were patches');
    const patches = r.host.postedOf('patch');
    assert.deepStrictEqual(patches.map((patch) => patch.renderId), [2, 3]);
    // A changed state touches the header, the fields and the raw JSON; the conversation is kept.
    const sent = patches[0]?.sections.map((section) => section.id) ?? [];
    assert.ok(sent.includes('header') && sent.includes('fields') && sent.includes('raw'), sent.join(' '));
    assert.ok(!sent.includes('conversation'), 'the unchanged conversation section is not sent');
    assert.deepStrictEqual(patches[0]?.order, ['header', 'fields', 'contact', 'timeline', 'conversation', 'raw']);
    assert.match(r.host.lastHtml, /<span class="badge state state-active"/);
    assert.match(r.host.lastHtml, /P5/);
    assert.strictEqual(r.controller.snapshot().ready, true, 'the page answered the last patch');
    // The page lost its patches (hidden, then shown): it loads whole, with a nonce of its own.
    r.host.visible = false;
    r.controller.visibilityChanged(false);
    r.host.visible = true;
    r.controller.visibilityChanged(true);
    r.controller.handleMessage({ type: 'ready', renderId: 1 });
    await settle();
    assert.strictEqual(r.host.loads.length, 2, 'the page came back from its first load: loaded anew');
    assert.match(r.host.loads[1] ?? '', /P5/);
    assert.notStrictEqual(r.host.nonceOf(r.host.loads[0] ?? ''), r.host.nonceOf(r.host.loads[1] ?? ''));
  });

  it('holds a change that comes while the page loads until its ready, then patches it (the load is not started over)', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call));
    const loading = r.controller.load();
    await settle();
    await settle();
    assert.strictEqual(r.host.loads.length, 1);
    r.controller.showAnswer(changed(call, { state: 'hold', modifiedAt: (call.modifiedAt ?? 0) + 1000 }));
    r.controller.redraw();
    assert.strictEqual(r.host.loads.length, 1, 'still the first load');
    assert.strictEqual(r.host.postedOf('patch').length, 0, 'nothing posted to a page not ready');
    pageReady(r);
    await loading;
    const [patch] = r.host.postedOf('patch');
    assert.ok(patch, 'the change went as a patch once the page was ready');
    assert.match(r.host.lastHtml, /<span class="badge state state-hold"/);
    assert.strictEqual(r.host.loads.length, 1);
  });

  it('loads the whole page when a patch does not reach it, or while the page is hidden', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call, changed(call, { state: 'hold' }), changed(call, { state: 'active' })));
    await withReady(r, r.controller.load());
    r.host.deliverPatches = false;
    await withReady(r, r.controller.refresh());
    assert.strictEqual(r.host.postedOf('patch').length, 1, 'a patch was tried');
    assert.strictEqual(r.host.loads.length, 2, 'then the page was loaded whole');
    assert.match(r.host.loads[1] ?? '', /<span class="badge state state-hold"/);
    // Hidden: the webview discarded its document, so a change is a load for when it is shown.
    r.host.deliverPatches = true;
    r.host.visible = false;
    r.controller.visibilityChanged(false);
    await r.controller.refresh();
    assert.strictEqual(r.host.postedOf('patch').length, 1, 'no patch to a hidden page');
    assert.strictEqual(r.host.loads.length, 3);
    assert.match(r.host.loads[2] ?? '', /<span class="badge state state-active"/);
  });

  it('only posts the check time when the workitem did not change', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call));
    await withReady(r, r.controller.load());
    r.host.posted.length = 0;
    await r.controller.refresh();
    assert.strictEqual(r.host.htmls.length, 1, 'no re-render');
    const [update] = r.host.postedOf('update');
    assert.ok(update);
    assert.match(update.status, /^Checked at \d+:\d\d:\d\d [AP]M$/);
    assert.strictEqual(update.banner, null);
  });

  it('re-renders a changed workitem and says which fields changed', async () => {
    const call = heldAndRetrievedCall();
    const held = changed(call, {
      state: 'hold',
      modifiedAt: T0 + 6 * MINUTE,
      actions: ['unhold', 'hangup', 'transfer'],
      timeEvents: [...(call.timeEvents ?? []), { type: 'held', timestamp: T0 + 6 * MINUTE, userId: 'jason.fontenot', state: 'hold' }],
    });
    const r = rig(new ScriptedApi(call, held));
    await withReady(r, r.controller.load());
    await withReady(r, r.controller.refresh());
    const snapshot = r.controller.snapshot();
    assert.strictEqual(r.host.htmls.length, 2);
    assert.strictEqual(snapshot.state, 'hold');
    // In the key order of the new version.
    assert.deepStrictEqual(snapshot.changedFields, ['state', 'actions', 'timeEvents', 'modifiedAt']);
    assert.ok(snapshot.changedAt !== undefined);
    assert.deepStrictEqual(snapshot.actions, ['unhold', 'hangup', 'transfer']);
    assert.strictEqual(snapshot.eventCount, 7);
    assert.match(r.host.lastHtml, /Changed at [^<]*: state, actions, timeEvents, modifiedAt/);
  });

  it('shows a fetch failure as a page with Retry, and the workitem once Retry works', async () => {
    const r = rig(new ScriptedApi(new NcxError('network', 'ECONNREFUSED'), heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    let snapshot = r.controller.snapshot();
    assert.strictEqual(snapshot.kind, 'error');
    assert.strictEqual(snapshot.banner?.kind, 'network');
    assert.strictEqual(snapshot.banner?.retryable, true);
    assert.match(r.host.lastHtml, /Could not reach the server/);
    assert.match(r.host.lastHtml, /data-command="refresh"/);
    r.controller.handleMessage({ type: 'refresh' });
    await withReady(r, settle());
    await withReady(r, settle());
    snapshot = r.controller.snapshot();
    assert.strictEqual(snapshot.kind, 'workitem');
    assert.strictEqual(snapshot.banner, undefined);
  });

  it('keeps the workitem shown when the link is lost, says since when it is offline, and clears that when it is back', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call, new NcxError('network', 'ECONNRESET'), new NcxError('timeout', 'slow'), call));
    await withReady(r, r.controller.load());
    await r.controller.refresh();
    const first = r.controller.snapshot();
    assert.strictEqual(first.kind, 'workitem', 'still the workitem, not an error page');
    assert.strictEqual(r.host.htmls.length, 1, 'the page is not replaced');
    assert.match(first.banner?.message ?? '', /^Offline since \d{1,2}:\d{2}:\d{2} [AP]M — retrying\. Could not reach the server/);
    await r.controller.refresh();
    assert.strictEqual(r.controller.snapshot().banner?.message.slice(0, 30), first.banner?.message.slice(0, 30), 'offline since the first failure');
    await withReady(r, r.controller.refresh());
    assert.strictEqual(r.controller.snapshot().banner, undefined, 'back: no banner');
  });

  it('offers Watch in the header, and draws Stop Watching once the toggle went through', async () => {
    const watched = new Set<string>();
    const toggled: Array<[string, string | undefined]> = [];
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), {
      watch: {
        isWatched: (id) => watched.has(id),
        toggle: async (id, workitem) => {
          toggled.push([id, workitem?.state]);
          if (watched.has(id)) watched.delete(id);
          else watched.add(id);
        },
      },
    });
    await withReady(r, r.controller.load());
    assert.match(r.host.lastHtml, /data-command="toggleWatch" aria-pressed="false">Watch</);
    r.controller.handleMessage({ type: 'toggleWatch' });
    await withReady(r, settle());
    assert.deepStrictEqual(toggled, [['wi_20001', 'active']], 'the workitem shown goes with the toggle');
    assert.match(r.host.lastHtml, /data-command="toggleWatch" aria-pressed="true">Stop Watching</);
  });

  it('lists the validation issues of a workitem the server sent but that could not be read', async () => {
    const issues = [{ workitemId: 'wi_20001', path: 'timeEvents.2.timestamp', expected: 'number', received: '"soon"' }];
    const r = rig(new ScriptedApi(new NcxError('malformed', 'invalid workitem', { issues })));
    await withReady(r, r.controller.load());
    assert.strictEqual(r.controller.snapshot().kind, 'error');
    assert.match(r.host.lastHtml, /id="issues"/);
    assert.match(r.host.lastHtml, /timeEvents\.2\.timestamp/);
    assert.match(r.host.lastHtml, /&quot;soon&quot;/);
  });

  it('does not offer Retry for a workitem that does not exist', async () => {
    const r = rig(new ScriptedApi(new NcxError('notFound', '404')));
    await withReady(r, r.controller.load());
    assert.strictEqual(r.controller.snapshot().banner?.retryable, false);
    assert.doesNotMatch(r.host.lastHtml, /data-command="refresh"/);
  });

  it('does not reload the error page while the same failure repeats', async () => {
    const r = rig(new ScriptedApi(new NcxError('timeout', 'slow')));
    await withReady(r, r.controller.load());
    r.host.posted.length = 0;
    await r.controller.refresh();
    await r.controller.refresh();
    assert.strictEqual(r.host.htmls.length, 1);
    assert.strictEqual(r.host.postedOf('update').length, 2, 'each check still updates the time shown');
  });

  it('keeps the workitem on screen when a later refresh fails, and clears the banner when one works', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call, new NcxError('server', '502', { status: 502 }), call));
    await withReady(r, r.controller.load());
    await r.controller.refresh();
    assert.strictEqual(r.host.htmls.length, 1);
    assert.deepStrictEqual(r.host.postedOf('error'), [{ type: 'error', message: 'The server failed to answer (502).', retryable: true }]);
    assert.strictEqual(r.controller.snapshot().kind, 'workitem');
    assert.strictEqual(r.controller.snapshot().banner?.kind, 'server');
    await r.controller.refresh();
    assert.strictEqual(r.controller.snapshot().banner, undefined);
    const updates = r.host.postedOf('update');
    assert.strictEqual(updates[updates.length - 1].banner, null);
  });

  it('runs an offered action through deps, shows it as busy, then shows the answer without fetching again', async () => {
    const call = heldAndRetrievedCall();
    const running = deferred<void>();
    const r = rig(new ScriptedApi(call, callOnHold()), {
      runAction: async (action, workitemId) => {
        r.actions.push([action, workitemId]);
        await running.promise;
        // What the runner does with the action's answer (DetailPanelManager.show).
        r.controller.showAnswer({ ...callOnHold(), workitemId: 'wi_20001' });
        return { outcome: 'done' };
      },
    });
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'runAction', action: 'hold' });
    await settle();
    assert.deepStrictEqual(r.actions, [['hold', 'wi_20001']]);
    assert.strictEqual(r.controller.snapshot().busy, 'hold');
    assert.deepStrictEqual(r.host.postedOf('busy'), [{ type: 'busy', action: 'hold', label: 'Holding…' }]);
    r.controller.handleMessage({ type: 'runAction', action: 'hangup' });
    await settle();
    assert.strictEqual(r.actions.length, 1, 'a second action waits for the first');
    running.resolve();
    await withReady(r, settle());
    await withReady(r, settle());
    assert.strictEqual(r.controller.snapshot().busy, null);
    assert.strictEqual(r.api.fetches, 1, 'only the first load: one click, one request (sent by the runner)');
    assert.strictEqual(r.controller.snapshot().state, 'hold');
  });

  it('shows a refusal the runner reports in the banner, in the server\'s words', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), {
      runAction: async () => ({ outcome: 'refused', reason: 'wi_20001 is terminated: hang up is not possible' }),
    });
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'runAction', action: 'hangup' });
    await settle();
    assert.deepStrictEqual(r.host.postedOf('error'), [
      { type: 'error', message: 'Hang Up failed: wi_20001 is terminated: hang up is not possible', retryable: false },
    ]);
    assert.strictEqual(r.controller.snapshot().banner?.message, 'Hang Up failed: wi_20001 is terminated: hang up is not possible');
  });

  it('ignores an action the workitem does not offer (a forged or stale message)', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'runAction', action: 'unhold' });
    await settle();
    assert.deepStrictEqual(r.actions, []);
    assert.match(r.log.at('warn').join('\n'), /unhold is not offered/);
  });

  it('offers no action the token may not run', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), { permissions: () => ['workitems:read'] });
    await withReady(r, r.controller.load());
    assert.deepStrictEqual(r.controller.snapshot().actions, []);
    r.controller.handleMessage({ type: 'runAction', action: 'hold' });
    await settle();
    assert.deepStrictEqual(r.actions, []);
  });

  it('shows a failed action in the banner and ends busy', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), {
      runAction: () => Promise.reject(new NcxError('conflict', 'Workitem is already terminated')),
    });
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'runAction', action: 'hangup' });
    await withReady(r, settle());
    assert.deepStrictEqual(r.host.postedOf('error'), [
      { type: 'error', message: 'Hang Up failed: Workitem is already terminated', retryable: false },
    ]);
    assert.deepStrictEqual(r.host.postedOf('busy').map((message) => message.action), ['hangup', null]);
    assert.strictEqual(r.controller.snapshot().banner?.source, 'action');
  });

  it('logs and drops invalid messages without throwing', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    const before = r.host.posted.length;
    for (const junk of [undefined, null, 42, 'refresh', { type: 'runAction' }, { type: 'eval', code: '1' }, { type: 'timelinePage', offset: -1, limit: 5 }]) {
      assert.doesNotThrow(() => r.controller.handleMessage(junk));
    }
    await settle();
    assert.strictEqual(r.host.posted.length, before);
    assert.strictEqual(r.api.fetches, 1);
    assert.strictEqual(r.log.at('warn').filter((line) => line.includes('ignored an invalid message')).length, 7);
  });

  it('answers timeline page requests with older rows', async () => {
    const r = rig(new ScriptedApi(longCall(1000)));
    await withReady(r, r.controller.load());
    assert.strictEqual(r.controller.snapshot().timelineRows, 200);
    r.controller.handleMessage({ type: 'timelinePage', offset: 200, limit: 300 });
    const [page] = r.host.postedOf('timelinePage');
    assert.strictEqual(page.offset, 200);
    assert.strictEqual(page.total, 1000);
    assert.strictEqual(page.rows.length, 300);
    assert.strictEqual(page.rows[0].key, 799);
  });

  it('sends the raw JSON of a large workitem on request', async () => {
    const big = longCall(10_000);
    const r = rig(new ScriptedApi(big));
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'rawJson' });
    const [raw] = r.host.postedOf('rawJson');
    assert.deepStrictEqual(JSON.parse(raw.text), big);
  });

  it('copies the id and the JSON', async () => {
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call));
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'copyId' });
    r.controller.handleMessage({ type: 'copyJson' });
    await settle();
    assert.deepStrictEqual(r.copied[0], 'wi_20001');
    assert.deepStrictEqual(JSON.parse(r.copied[1]), call);
    assert.deepStrictEqual(r.host.postedOf('copied').map((message) => message.what), ['id', 'json']);
  });

  it('refreshes on its interval while visible, stops when hidden and catches up when shown', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    assert.deepStrictEqual(r.timers.delays(), [INTERVAL]);
    r.timers.fire(INTERVAL);
    await settle();
    await settle();
    assert.strictEqual(r.api.fetches, 2);
    assert.deepStrictEqual(r.timers.delays(), [INTERVAL], 'the next refresh is scheduled');

    r.host.visible = false;
    r.controller.visibilityChanged(false);
    assert.deepStrictEqual(r.timers.delays(), []);

    r.host.visible = true;
    r.controller.visibilityChanged(true);
    r.controller.visibilityChanged(true);
    await settle();
    await settle();
    assert.strictEqual(r.api.fetches, 3, 'one catch-up refresh, however often the view state fires');
    assert.deepStrictEqual(r.timers.delays(), [INTERVAL]);
  });

  it('does not poll when auto-refresh is off', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), { refreshIntervalMs: () => 0 });
    await withReady(r, r.controller.load());
    assert.deepStrictEqual(r.timers.delays(), []);
  });

  it('serves refreshes asked for during a fetch with one more fetch, not one each', async () => {
    const slow = deferred<Workitem>();
    const call = heldAndRetrievedCall();
    const r = rig(new ScriptedApi(call));
    await withReady(r, r.controller.load());
    r.api.answerNext(slow.promise, call);
    const first = r.controller.refresh();
    const second = r.controller.refresh();
    const third = r.controller.refresh();
    assert.strictEqual(second, third);
    slow.resolve(call);
    await Promise.all([first, second, third]);
    assert.strictEqual(r.api.fetches, 3, 'load + the slow one + one more');
  });

  it('aborts its fetch and releases waiters when disposed', async () => {
    const never = deferred<Workitem>();
    const r = rig(new ScriptedApi(never.promise));
    const loading = r.controller.load();
    await settle();
    r.controller.dispose();
    assert.strictEqual(r.api.signals[0]?.aborted, true);
    never.reject(new NcxError('cancelled', 'aborted'));
    await loading;
    assert.strictEqual(r.host.htmls.length, 0, 'nothing rendered after dispose');
    assert.deepStrictEqual(r.timers.delays(), []);
  });

  it('waits for the page to load again after it was hidden and shown', async () => {
    const r = rig(new ScriptedApi(heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    r.host.visible = false;
    r.controller.visibilityChanged(false);
    assert.strictEqual(r.controller.snapshot().ready, false, 'the hidden page was discarded');
    r.host.visible = true;
    r.controller.visibilityChanged(true);
    let ready = false;
    const waiting = r.controller.whenReady().then(() => {
      ready = true;
    });
    await settle();
    assert.strictEqual(ready, false);
    pageReady(r);
    await waiting;
    assert.strictEqual(r.controller.snapshot().ready, true);
    assert.strictEqual(r.host.htmls.length, 1, 'same render, reloaded by the host');
  });

  it('replays busy and the banner to a page that loads again (shown after being hidden)', async () => {
    const running = deferred<{ outcome: string }>();
    const r = rig(new ScriptedApi(heldAndRetrievedCall()), { runAction: () => running.promise });
    await withReady(r, r.controller.load());
    r.controller.handleMessage({ type: 'runAction', action: 'transfer' });
    await settle();
    r.host.posted.length = 0;
    pageReady(r);
    assert.deepStrictEqual(
      r.host.posted.map((message) => message.type),
      ['update', 'busy'],
    );
    running.resolve({ outcome: 'done' });
    await settle();
  });
});

describe('DetailPanelController: a panel belongs to its tenant', () => {
  /** A panel opened on acme.example; `connected` is the tenant the inspector is connected to. */
  function tenantRig(api: ScriptedApi): { r: Rig; connectTo(tenant: string): void } {
    let connected = 'acme.example';
    const r = rig(api, {
      tenant: { panel: { name: 'acme.example', color: 'orange' }, awayTo: () => (connected === 'acme.example' ? undefined : connected) },
    });
    return { r, connectTo: (tenant) => (connected = tenant) };
  }

  it('names its tenant in the header, in its colour', async () => {
    const { r } = tenantRig(new ScriptedApi(heldAndRetrievedCall()));
    await withReady(r, r.controller.load());
    assert.match(r.host.htmls.at(-1) ?? '', /<span class="badge tenant tenant-orange" id="tenant"[^>]*>acme\.example<\/span>/);
    assert.strictEqual(r.controller.snapshot().tenant, 'acme.example');
    assert.strictEqual(r.controller.snapshot().away, undefined);
  });

  it('is neither read nor acted on through another tenant, says so, and reads again once its tenant is back', async () => {
    const api = new ScriptedApi(heldAndRetrievedCall());
    const { r, connectTo } = tenantRig(api);
    await withReady(r, r.controller.load());
    assert.strictEqual(api.fetches, 1);

    connectTo('sandbox');
    await withReady(r, r.controller.refresh());
    assert.strictEqual(api.fetches, 1, 'no request through the other tenant');
    const away = r.controller.snapshot().away ?? '';
    assert.match(away, /belongs to acme\.example; the inspector is connected to sandbox now/);
    assert.strictEqual(r.controller.snapshot().state, 'active', 'what it showed stays');
    r.controller.handleMessage({ type: 'runAction', action: 'hold' });
    await settle();
    assert.deepStrictEqual(r.actions, [], 'no action sent to the other tenant');

    connectTo('acme.example');
    api.answerNext(changed(heldAndRetrievedCall(), { modifiedAt: (heldAndRetrievedCall().modifiedAt ?? 0) + 1 }));
    await withReady(r, r.controller.refresh());
    assert.strictEqual(api.fetches, 2);
    assert.strictEqual(r.controller.snapshot().away, undefined, 'the note is gone');
  });

  it('a first read while another tenant is connected shows why, with nothing fetched', async () => {
    const api = new ScriptedApi(heldAndRetrievedCall());
    const { r, connectTo } = tenantRig(api);
    connectTo('sandbox');
    await withReady(r, r.controller.load());
    assert.strictEqual(api.fetches, 0);
    assert.strictEqual(r.controller.snapshot().kind, 'error');
    assert.match(r.controller.snapshot().banner?.message ?? '', /connected to sandbox now/);
  });
});
