// Server text is data in a real workbench too: signed in to a hostile NCX server (a relay in front
// of the sandbox, test/ui/hostileRelay.ts) whose token's `sub`, workitem contact names and queue
// names are `$(zap)` icons and `[text](command:…)` links, the status bar entry, the tree's rows
// and the "which workitem?" quick pick show that text literally: no `.codicon-zap` element, no
// link element, the syntax readable as typed.
//   bash scripts/harness/vscode-harness.sh ui out/test/ui/hostileTexts.js
import type { Locator, Page } from 'playwright-core';
import { startSandbox } from '../../src/sandbox';
import { HOSTILE_CONTACT, HOSTILE_SUB, startHostileRelay } from './hostileRelay';
import { allowActions, elementScreenshot, giveWorkitemsViewTheRoom, openPalette, screenshot, signInThroughPalette, STEP_TIMEOUT_MS, waitForRows, type UiCheckContext } from './workbench';

const CONTAINER_TITLE = 'Workitems';
const STATE_ROW = /^(inqueue|offered|accepted|active|hold|conference|terminated|dispositioned) · /;
/** What `shown()` puts between `$` and `(`, and between `]` and `(`: invisible, and not compared. */
const ZERO_WIDTH_SPACE = /\u200B/g;

function readable(text: string): string {
  return text.replace(ZERO_WIDTH_SPACE, '');
}

/** What an element renders that a server's text must never become: icons of its choosing and links. */
interface Rendered {
  text: string;
  zapIcons: number;
  links: string[];
}

/** The little of the DOM read here (the project's TypeScript has no DOM library). */
interface DomElement {
  readonly innerText: string;
  getAttribute(name: string): string | null;
  querySelectorAll(selector: string): ArrayLike<DomElement>;
}

async function rendered(locator: Locator): Promise<Rendered> {
  return locator.evaluate((node) => {
    const element = node as unknown as DomElement;
    return {
      text: element.innerText,
      zapIcons: element.querySelectorAll('.codicon-zap').length,
      // A Markdown link becomes an anchor (`a.monaco-link` in notifications) with the target as its
      // href or data-href; the status bar's own entry is an anchor without one, so only targets count.
      links: Array.from(element.querySelectorAll('a, [data-href]'))
        .map((anchor) => anchor.getAttribute('href') ?? anchor.getAttribute('data-href') ?? '')
        .filter((target) => target !== '' && target !== '#'),
    };
  });
}

/** Fails unless `locator` reads `expected` literally, with no zap icon and no link. */
async function expectLiteral(locator: Locator, where: string, expected: string): Promise<Rendered> {
  const shown = await rendered(locator);
  const problems: string[] = [];
  if (!readable(shown.text).includes(expected)) {
    problems.push(`does not read "${expected}" (reads "${readable(shown.text)}")`);
  }
  if (shown.zapIcons > 0) {
    problems.push(`renders ${shown.zapIcons} zap icon(s)`);
  }
  if (shown.links.length > 0) {
    problems.push(`renders link(s) to ${shown.links.join(', ')}`);
  }
  if (problems.length > 0) {
    throw new Error(`${where} ${problems.join('; ')}`);
  }
  return shown;
}

async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  return locator;
}

/** The quick pick's list, once a row shows `text`. */
async function quickPickShowing(page: Page, text: string): Promise<Locator> {
  await visible(page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first());
  return page.locator('.quick-input-widget').first();
}

export async function run(page: Page, context: UiCheckContext): Promise<void> {
  const sandbox = await startSandbox({ port: 0, size: 300, seed: 43, traffic: false });
  const relay = await startHostileRelay(sandbox.url);
  try {
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    const container = page.locator(`.part.activitybar [aria-label^="${CONTAINER_TITLE}"]`).first();
    await container.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
    await container.click();
    await waitForRows(page, 'the local sandbox', (rows) => rows.some((row) => STATE_ROW.test(row)));

    await signInThroughPalette(page, [relay.url, 'admin', 'admin-password']);
    // The status bar entry: our cloud icon, then the host and the token's `sub`, literally.
    const entry = await visible(page.locator('.part.statusbar .statusbar-item', { hasText: 'Open terminal' }).first());
    await expectLiteral(entry, 'the status bar entry', HOSTILE_SUB);
    await elementScreenshot(entry, context, 'hostile-status-bar');
    context.log(`status bar entry reads the sub literally: no zap icon, no link`);

    // The tree groups by state, collapsed: open the active workitems, the ones Hold is offered for
    // (the view listing the connections above them, the other views closed to leave it the room).
    await giveWorkitemsViewTheRoom(page);
    const activeGroup = page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row[aria-label^="active · "]').first();
    await visible(activeGroup);
    await activeGroup.click();
    // …and inside it, by channel: the voice calls.
    const voiceGroup = page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row[aria-label^="voice · "]').first();
    await visible(voiceGroup);
    await voiceGroup.click();
    const labels = await waitForRows(page, 'a row named by the hostile contact', (rows) => rows.some((row) => readable(row).includes(HOSTILE_CONTACT)));
    context.log(`${labels.filter((row) => readable(row).includes(HOSTILE_CONTACT)).length} tree row(s) named by the hostile contact`);
    const row = page.locator('.part.sidebar .monaco-list[role="tree"] .monaco-list-row', { hasText: 'Open terminal' }).first();
    await visible(row);
    await expectLiteral(row, 'the tree row', HOSTILE_CONTACT);
    await screenshot(page, context, 'hostile-tree');
    context.log('the tree row reads the contact name literally: no zap icon, no link');

    // Hold from the palette: "which workitem?" lists the server's workitems, their contact and queue.
    // The relay is an NCX tenant, protected: actions are allowed first, as a person would.
    await allowActions(page, new URL(relay.url).host);
    await openPalette(page, 'Workitems: Hold');
    await page.keyboard.press('Enter');
    const workitemPick = await quickPickShowing(page, 'Open terminal');
    await expectLiteral(workitemPick.locator('.quick-input-list').first(), 'the "which workitem?" pick', HOSTILE_CONTACT);
    await screenshot(page, context, 'hostile-workitem-pick');
    context.log('the "which workitem?" pick reads the contact and queue literally: no zap icon, no link');
    await page.keyboard.press('Escape');
  } finally {
    await relay.stop();
    await sandbox.stop();
  }
}
