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
  quickInput,
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
  // Dispositioned first: living traffic never changes them, so the picture holds still for the screenshot.
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

/** A dispositioned voice call (traffic leaves it alone) that is a later leg of a journey. */
async function answeredJourneyCall(server: NcxClient): Promise<Workitem> {
  const page = await server.search({ q: 'state:dispositioned AND channelType:voice AND parentWorkitemId:*', rows: 50, sort: 'createdAt desc' });
  for (const item of page.items) {
    if ((item.timeEvents ?? []).some((event) => event.state === 'active')) return item;
  }
  throw new Error('no answered voice call of the probe sandbox is part of a journey');
}

/**
 * A workitem waiting in a queue while traffic is held still, an email when there is one (the traffic
 * leaves those waiting longest). Fast traffic can drain every queue for a moment: then it runs on for
 * a second, so new arrivals come, and is held still again before looking once more.
 */
async function waitingEmail(server: NcxClient, traffic: { start(): void; stop(): Promise<void> | void } | undefined): Promise<Workitem> {
  for (let attempt = 0; attempt < 60; attempt++) {
    await traffic?.stop();
    for (const q of ['state:inqueue AND channelType:email', 'state:inqueue']) {
      const [waiting] = (await server.search({ q, rows: 1, sort: 'createdAt asc' })).items;
      if (waiting) return waiting;
    }
    traffic?.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('nothing waited in a queue of the probe sandbox for a minute of traffic');
}

/**
 * An active call that can be held, traffic held still once there is one. Traffic was stopped for the
 * watch above and may have left none active: it runs again until a call is answered.
 */
async function activeCall(server: NcxClient, traffic: { start(): void; stop(): Promise<void> | void } | undefined): Promise<Workitem> {
  for (let attempt = 0; attempt < 60; attempt++) {
    await traffic?.stop();
    const calls = (await server.search({ q: 'state:active AND channelType:voice', rows: 50 })).items;
    const call = calls.find((item) => (item.actions ?? []).includes('hold'));
    if (call) return call;
    traffic?.start();
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error('no call was active in the probe sandbox for a minute of traffic');
}

/** Tries `step` until it passes, for up to a minute (a change may take a moment to arrive). */
async function expect(step: () => Promise<void>, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`${what}: ${String(error)}`);
    }
  }
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

    // (a2) Watching a workitem waiting in a queue, from the palette; moved to another queue through
    // the sandbox's API, it raises a notification saying so. Traffic is held still meanwhile, so the
    // change is this one and the watch is not ended by a hang-up first.
    const email = await waitingEmail(server, sandbox.traffic);
    const watchedPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Watched' }) });
    const watchedRow = watchedPane.locator('.monaco-list-row', { hasText: email.workitemId }).first();
    // The pick searches the server as you type; an Enter that lands while its rows are replaced takes
    // nothing, so the step is tried again until the Watched view lists the workitem.
    await expect(async () => {
      await runFromPalette(page, 'Workitems: Watch');
      await page.locator('.quick-input-widget', { hasText: 'Watch: which workitem?' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await quickInput(page).fill(email.workitemId);
      await page.locator('.quick-input-list .monaco-list-row', { hasText: email.workitemId }).first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await page.waitForTimeout(500);
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
      await runFromPalette(page, 'Workitems: Focus on Watched View');
      await watchedRow.waitFor({ state: 'visible', timeout: 5_000 });
    }, 'the Watched view listing the workitem watched from the palette');
    const target = email.selectedQueue === 'q_retention' ? 'q_billing' : 'q_retention';
    await server.act('transfer', email.workitemId, { queueId: target });
    // Notices can come faster than toasts last: the notification center keeps them all.
    const notice = page.locator('.notifications-center .notification-list-item', { hasText: `${email.workitemId} on ` }).filter({ hasText: `queue ` }).first();
    await expect(async () => {
      await runFromPalette(page, 'Notifications: Show Notifications');
      await notice.waitFor({ state: 'visible', timeout: 5_000 });
    }, 'a watch notification in the notification center');
    context.log(`watch notification: ${(await notice.innerText()).replace(/\s+/g, ' ')}`);
    await screenshot(page, context, '45-watched');
    await runFromPalette(page, 'Notifications: Hide Notifications');

    // (a3) An open panel follows a change in place: the reader's zoom and opened section stay, and
    // the document is the same one (nothing reloaded under the reader).
    const active = await activeCall(server, sandbox.traffic);
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, active.workitemId);
    const liveFrame = await findWebviewFrameShowing(page, 'Time per state');
    const picture = liveFrame.locator('#timeline-svg');
    await picture.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await picture.hover();
    await page.mouse.wheel(0, -400);
    await liveFrame.locator('#state-details > summary').click();
    await liveFrame.evaluate('window.__sameDocument = true');
    const zoomed = await picture.getAttribute('viewBox');
    await server.act('hold', active.workitemId, {});
    await liveFrame.locator('#header .badge.state', { hasText: 'hold' }).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    // The horizontal window (x and width of the viewBox); its height follows the lanes drawn.
    const windowOf = (box: string | null): string => (box ?? '').split(' ').filter((_, index) => index % 2 === 0).join(' ');
    const after = await picture.getAttribute('viewBox');
    const kept = {
      sameDocument: await liveFrame.evaluate('window.__sameDocument === true'),
      zoomed: zoomed !== null && !zoomed.startsWith('-160 0 1160 '),
      zoom: windowOf(after) === windowOf(zoomed),
      open: await liveFrame.evaluate(`document.getElementById('state-details').open`),
    };
    if (!kept.sameDocument || !kept.zoomed || !kept.zoom || !kept.open) throw new Error(`the panel of ${active.workitemId} lost the reader's place on a change: ${JSON.stringify({ ...kept, before: zoomed, after })}`);
    context.log(`panel of ${active.workitemId} followed active → hold in place: zoom ${zoomed}, Time per state still open`);
    await runFromPalette(page, 'View: Close All Editors');
    sandbox.traffic?.start();

    // (b) A timeline picture with an SLA breach.
    const breached = await breachedWorkitem(server);
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, breached.workitemId);
    const frame = await findWebviewFrameShowing(page, 'Waited past the queue SLA');
    const breach = frame.locator('#timeline-svg rect.sla-breach').first();
    await breach.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    const lanes = await frame.locator('#timeline-svg .tl-lane').count();
    context.log(`timeline picture of ${breached.workitemId}: ${lanes} lanes, ${await frame.locator('#timeline-svg rect.sla-breach').count()} bar(s) past the SLA`);
    // The page may be patched meanwhile (names read, a time that reads differently): a section it
    // replaced is simply found again.
    await expect(async () => {
      await frame.locator('#timeline-picture').scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, context, '41-timeline-sla');
      await elementScreenshot(frame.locator('#timeline-picture'), context, '42-timeline-picture');
    }, 'screenshots of the timeline picture');

    // (c) A call that is one leg of a journey: its legs on one axis, its transcript and recording.
    const leg = await answeredJourneyCall(server);
    await runFromPalette(page, 'Workitems: Open Workitem by ID…');
    await answerInputBox(page, leg.workitemId);
    const legFrame = await findWebviewFrameShowing(page, `Journey: the workitems of conversation ${leg.conversationId ?? ''}`);
    await legFrame.locator('#journey-details > summary').click();
    const legs = legFrame.locator('#journey-body .journey-leg');
    await legs.nth(1).waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    context.log(`journey of ${leg.workitemId}: ${await legs.count()} legs: ${(await legs.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).join(' | ')}`);
    await legFrame.locator('#transcript-details > summary').click();
    const lines = legFrame.locator('#transcript-body .transcript-line');
    await lines.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    const audio = legFrame.locator('#transcript-body audio.recording');
    await audio.waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
    // Playable: the player read the recording's header (its duration) from the data: URI.
    const duration = await audio.evaluate(
      (element) =>
        new Promise<number>((resolve) => {
          // The page's audio element (this file is compiled without the DOM's types).
          const media = element as unknown as { readyState: number; duration: number; addEventListener(type: string, listener: () => void, options: object): void };
          if (media.readyState >= 1) resolve(media.duration);
          else media.addEventListener('loadedmetadata', () => resolve(media.duration), { once: true });
        }),
    );
    if (!(duration > 0)) throw new Error(`the recording is not playable (duration ${duration})`);
    // Each line is also a tick on its speaker's lane of the timeline picture.
    const ticks = await legFrame.locator('#timeline-svg line.tl-speech').count();
    if (ticks !== (await lines.count())) throw new Error(`${ticks} ticks on the picture for ${await lines.count()} transcript lines`);
    context.log(`transcript of ${leg.workitemId}: ${await lines.count()} lines (as many ticks on the picture's lanes), first "${(await lines.first().innerText()).replace(/\s+/g, ' ')}"; recording of ${duration.toFixed(1)} s`);
    await expect(async () => {
      await legFrame.locator('#conversation').scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
      await screenshot(page, context, '43-journey-transcript');
      await elementScreenshot(legFrame.locator('#conversation'), context, '44-conversation');
    }, 'screenshots of the conversation');
  } finally {
    await sandbox.stop();
  }
}
