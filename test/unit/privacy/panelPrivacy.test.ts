// Privacy mode in the detail panel's controller: the page, the timeline's later pages and the raw
// JSON show the masked workitem; copying the JSON asks first; switching the mode re-renders.
import * as assert from 'assert';
import type { Workitem } from '../../../src/api/schemas';
import { untranslated } from '../../../src/model/format/l10n';
import { privacyMode } from '../../../src/model/privacy/privacyMode';
import { DetailPanelController, type DetailPanelControllerDeps } from '../../../src/webviews/detailPanelController';
import { createNonce } from '../../../src/webviews/nonce';
import { FakeHost, RecordingLog, ScriptedApi, settle } from '../webview/fakePanel';
import { ManualClock } from '../../support/manualClock';
import { heldAndRetrievedCall, MINUTE, T0 } from '../webview/fixtures/workitems';

const PERSONAL = ['Dana', 'Whitfield', '+18005551212', 'dana.whitfield@'];

function withNote(call: Workitem): Workitem {
  const events = [...(call.timeEvents ?? [])];
  const last = events[events.length - 1];
  if (last) events[events.length - 1] = { ...last, note: 'Whitfield asked for a callback' };
  return { ...call, from: '+18005551212', timeEvents: events };
}

function rig(call: Workitem, confirm: boolean) {
  const host = new FakeHost();
  const copied: string[] = [];
  const asked: number[] = [];
  let now = T0 + 10 * MINUTE;
  const deps: DetailPanelControllerDeps = {
    getApi: () => new ScriptedApi(call),
    permissions: () => ['workitems:read', 'workitems:write'],
    runAction: async () => ({ outcome: 'done' }),
    log: new RecordingLog(),
    refreshIntervalMs: () => 0,
    l10n: untranslated,
    time: () => ({ locale: 'en-US', timeZone: 'UTC' }),
    now: () => (now += 1000),
    createNonce,
    copyText: async (text) => void copied.push(text),
    confirmUnmaskedCopy: async () => {
      asked.push(1);
      return confirm;
    },
    timers: new ManualClock(),
  };
  const controller = new DetailPanelController('wi_20001', host, deps);
  const ready = (): void => controller.handleMessage({ type: 'ready', renderId: host.config.renderId });
  /** Runs `work` and answers `ready` for the render it makes, as the page's script does. */
  const answered = async (work: Promise<void>): Promise<void> => {
    const renders = host.htmls.length;
    for (let i = 0; i < 20 && host.htmls.length === renders; i += 1) await settle();
    if (host.htmls.length > renders) ready();
    await work;
  };
  return { controller, host, copied, asked, answered };
}

describe('privacy mode in the detail panel', () => {
  afterEach(async () => {
    await privacyMode.set(false);
  });

  it('renders no contact name, phone, address or note, and re-renders unmasked when switched off', async () => {
    await privacyMode.set(true);
    const r = rig(withNote(heldAndRetrievedCall()), false);
    await r.answered(r.controller.load());
    const masked = r.host.lastHtml;
    for (const value of PERSONAL) {
      assert.ok(!masked.includes(value), `${value} in the masked page`);
    }
    assert.ok(masked.includes('wi_20001'), 'the id stays');
    r.controller.handleMessage({ type: 'rawJson' });
    r.controller.handleMessage({ type: 'timelinePage', offset: 0, limit: 50 });
    await settle();
    const posted = JSON.stringify(r.host.posted);
    for (const value of PERSONAL) {
      assert.ok(!posted.includes(value), `${value} posted to the masked page`);
    }
    await privacyMode.set(false);
    const renders = r.host.htmls.length;
    await r.answered(r.controller.refresh());
    assert.strictEqual(r.host.htmls.length, renders + 1, 'the same workitem renders again when the mode changed');
    assert.ok(r.host.lastHtml.includes('Whitfield'));
  });

  it('asks before copying the real JSON, and copies nothing when declined', async () => {
    await privacyMode.set(true);
    const declined = rig(heldAndRetrievedCall(), false);
    await declined.answered(declined.controller.load());
    declined.controller.handleMessage({ type: 'copyJson' });
    await settle();
    assert.deepStrictEqual([declined.asked.length, declined.copied.length], [1, 0]);

    const accepted = rig(heldAndRetrievedCall(), true);
    await accepted.answered(accepted.controller.load());
    accepted.controller.handleMessage({ type: 'copyJson' });
    await settle();
    assert.strictEqual(accepted.copied.length, 1);
    assert.ok(accepted.copied[0]?.includes('Whitfield'), 'the copy is the real data');
  });

  it('copies without asking while privacy mode is off', async () => {
    const r = rig(heldAndRetrievedCall(), false);
    await r.answered(r.controller.load());
    r.controller.handleMessage({ type: 'copyJson' });
    await settle();
    assert.deepStrictEqual([r.asked.length, r.copied.length], [0, 1]);
  });
});
