// The live views as a user meets them in the web workbench, against a probe sandbox with living
// traffic, signed in through the palette:
//   (a) the Events view tailing changes, then filtered to a call held through the sandbox's API;
//   (b) the panel of a workitem that waited past its queue's SLA: the timeline picture with the
//       waiting bar drawn as a breach.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/liveViews.js
import type { Page } from 'playwright-core';
import { signIn } from '../../src/api/auth';
import { NcxClient } from '../../src/api/client';
import type { Workitem } from '../../src/api/schemas';
import { queueSlaMs } from '../../src/model/live/queueSla';
import { startSandbox } from '../../src/sandbox';
import { deriveTimeline } from '../../src/webviews/viewModel/timeline';
import { buildTimelinePicture } from '../../src/webviews/viewModel/timelinePicture';
import {
  answerInputBox,
  elementScreenshot,
  findWebviewFrameShowing,
  runFromPalette,
  screenshot,
  signInThroughPalette,
  STEP_TIMEOUT_MS,
  waitForRows,
  type UiCheckContext,
} from './workbench';

const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;

/** A workitem whose picture has a waiting bar past its queue's SLA, by the product's own drawing rules. */
async function breachedWorkitem(server: NcxClient): Promise<Workitem> {
  const queues = new Map((await server.listQueues()).map((queue) => [queue._id, queue]));
  const now = Date.now();
  // Dispositioned first: living traffic never changes them, so the panel is not rendered anew (a new page
  // detaches the frame the check holds) while the screenshot is taken.
  for (const q of ['state:dispositioned', 'state:terminated', 'state:inqueue', 'state:active']) {
    const page = await server.search({ q, rows: 200, sort: 'createdAt asc' });
    for (const workitem of page.items) {
      const picture = buildTimelinePicture(workitem, deriveTimeline(workitem.timeEvents, { now, createdAt: workitem.createdAt }), {
        now,
        slaMsOf: (queueId) => queueSlaMs(queues.get(queueId), workitem.channelType),
      });
      if (picture?.lanes.some((lane) => lane.bars.some((bar) => bar.breach))) return workitem;
    }
  }
  throw new Error('no workitem of the probe sandbox waited past its queue SLA');
}

/** Holds an active call through the sandbox's API; traffic moves calls meanwhile, so a few tries. */
async function holdOneCall(server: NcxClient): Promise<Workitem> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 10; attempt++) {
    const calls = (await server.search({ q: 'state:active', rows: 200 })).items.filter((item) => (item.actions ?? []).includes('hold'));
    for (const call of calls.slice(0, 3)) {
      try {
        await server.act('hold', call.workitemId, {});
        return call;
      } catch (error) {
        lastError = error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`could not hold an active call of the probe sandbox: ${String(lastError)}`);
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const sandbox = await startSandbox({ port: 0, size: 300, seed: 44, traffic: true, trafficSpeed: 20 });
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator('.part.activitybar [aria-label^="Workitems"]').first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));
    await signInThroughPalette(page, [sandbox.url, 'admin', 'admin-password']);
    const grant = await signIn({ loginUrl: sandbox.url, username: 'admin', password: 'admin-password' });
    const server = new NcxClient({ location: grant.location, token: () => grant.token, retries: 0 });

    // (a) The event tail, with a hold sent through the sandbox's own API.
    await runFromPalette(page, 'Workitems: Focus on Events View');
    const eventRows = page.locator('.monaco-list-row', { hasText: '→' });
    await eventRows.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS * 2 });
    const call = await holdOneCall(server);
    // Traffic pushes older rows down fast: the view's own `q` filter keeps this workitem's rows.
    await runFromPalette(page, 'Workitems: Filter Events…');
    await answerInputBox(page, `id:${call.workitemId}`);
    const held = page.locator('.monaco-list-row', { hasText: call.workitemId }).filter({ hasText: 'active → hold' }).first();
    await held.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    context.log(`events view: ${await eventRows.count()} rows shown, the hold of ${call.workitemId} among them: ${(await held.innerText()).replace(/\s+/g, ' ')}`);
    await screenshot(page, context, '40-event-tail');

    // (b) A timeline picture with an SLA breach.
    const breached = await breachedWorkitem(server);
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, breached.workitemId);
    const frame = await findWebviewFrameShowing(page, 'Waited past the queue SLA');
    const breach = frame.locator('#timeline-svg rect.sla-breach').first();
    await breach.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const lanes = await frame.locator('#timeline-svg .tl-lane').count();
    context.log(`timeline picture of ${breached.workitemId}: ${lanes} lanes, ${await frame.locator('#timeline-svg rect.sla-breach').count()} bar(s) past the SLA`);
    await frame.locator('#timeline-picture').scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
    await screenshot(page, context, '41-timeline-sla');
    await elementScreenshot(frame.locator('#timeline-picture'), context, '42-timeline-picture');
  } finally {
    await sandbox.stop();
  }
}
