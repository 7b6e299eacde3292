// @ts-check
'use strict';
// Checks the door of `npm start`'s browser VS Code: starts it as a user would (WORKITEM_START_BROWSER=1),
// then asks, on its loopback port, without the secret, with a wrong one, and with the printed URL;
// only the last gets in (a redirect that sets the cookie, then the workbench). Stops it and checks it
// is gone. Exits non-zero on the first surprise.
const assert = require('assert/strict');
const { spawn } = require('child_process');
const fs = require('fs');
const http = require('http');
const path = require('path');

const REPO = path.resolve(__dirname, '..');

/** @param {string} url @param {Record<string, string>} [headers] */
function get(url, headers = {}) {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers, timeout: 30_000 }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.on('timeout', () => request.destroy(new Error(`timeout: ${url}`)));
  });
}

/** A real browser opens the printed URL: the workbench loads and its WebSocket to the server holds. */
async function workbenchConnects(printed) {
  const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    console.log(`not checked in a browser: no Chromium at ${executablePath}`);
    return;
  }
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.goto(printed);
    assert.ok(!page.url().includes('tkn='), 'the secret left the address bar');
    // The extension's status bar entry appears only once its extension host, reached over the
    // WebSocket through the gateway, has run it.
    await page.waitForSelector('.part.statusbar [id$="workitemInspector.connection"]', { timeout: 180_000 });
    console.log('served: Chromium opened the printed URL and the extension ran behind the WebSocket');
  } finally {
    await browser.close();
  }
}

async function main() {
  const child = spawn('bash', [path.join(REPO, 'scripts/start.sh')], {
    cwd: REPO,
    env: { ...process.env, WORKITEM_START_BROWSER: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  try {
    const printed = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed within 180 s:\n${output}`)), 180_000);
      child.stdout.on('data', (chunk) => {
        output += chunk;
        const match = /^\s+(http:\/\/127\.0\.0\.1:\d+\/\S+)$/m.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exited.then(() => reject(new Error(`npm start exited:\n${output}`)));
    });
    const url = new URL(printed);
    const secret = url.searchParams.get('tkn');
    assert.ok(secret && secret.length >= 40, `the printed URL carries a secret: ${printed}`);
    const bare = new URL(url);
    bare.searchParams.delete('tkn');

    for (const [what, target] of [
      ['the workbench without the secret', bare.toString()],
      ['the health check without the secret', `${url.origin}/healthz`],
      ['a static file without the secret', `${url.origin}/static/out/vs/code/browser/workbench/workbench.js`],
    ]) {
      const answer = await get(target);
      assert.equal(answer.status, 403, what);
      assert.equal(answer.body, '', `${what}: nothing in the body`);
      console.log(`refused (403, empty): ${what}`);
    }
    const wrong = new URL(url);
    wrong.searchParams.set('tkn', `${secret.slice(0, -1)}x`);
    assert.equal((await get(wrong.toString())).status, 403, 'a wrong secret');
    assert.equal((await get(bare.toString(), { cookie: `workitem-start-${url.port}=nope` })).status, 403, 'a wrong cookie');
    console.log('refused: a wrong secret in the URL, a wrong cookie');

    const door = await get(printed);
    assert.equal(door.status, 303, 'the printed URL is let in');
    const cookie = String(door.headers['set-cookie']?.[0] ?? '').split(';')[0];
    assert.ok(cookie.endsWith(secret), 'and trades the secret for a cookie');
    assert.ok(!String(door.headers.location).includes(secret), 'the redirect drops the secret from the address');
    const page = await get(new URL(String(door.headers.location), url).toString(), { cookie });
    assert.equal(page.status, 200, 'the workbench is served with the cookie');
    assert.match(page.body, /<html/i);
    console.log('served: the printed URL (303 + cookie), then the workbench page (200)');
    await workbenchConnects(printed);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  }
  const port = /127\.0\.0\.1:(\d+)/.exec(output)?.[1];
  if (port) {
    const after = await get(`http://127.0.0.1:${port}/`).then(
      () => 'answered',
      () => 'gone',
    );
    assert.equal(after, 'gone', 'nothing listens after Ctrl-C');
    console.log('stopped: nothing listens any more');
  }
}

main().then(
  () => console.log('npm start auth check: ok'),
  (error) => {
    console.error(`npm start auth check FAILED: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  },
);
