// A marker token and a marker password, sent to a server that repeats them back in every answer it
// can give. Neither may come out the other side: not in an NcxError's message or details, not in a
// partial page's validation issues, not in a log line, not in the tree's error row, not in the
// detail panel's HTML.
import { strict as assert } from 'node:assert';
import { refreshToken, signIn } from '../../../src/api/auth';
import { NcxClient } from '../../../src/api/client';
import { isNcxError } from '../../../src/api/errors';
import type { AuthScheme, RequestLogEntry } from '../../../src/api/http';
import type { ValidationIssue } from '../../../src/api/workitemsApi';
import { logRequest } from '../../../src/log/log';
import { describeFetchFailure } from '../../../src/model/fetchFailure';
import { untranslated } from '../../../src/model/format/l10n';
import { renderDetailErrorHtml, renderDetailHtml } from '../../../src/webviews/detailHtml';
import { describeFetchError } from '../../../src/webviews/fetchErrorText';
import { realisticWorkitem } from '../api/fixtures/workitems';
import { closedPort } from '../api/helpers/closedPort';
import { startLoopbackServer, type LoopbackServer } from '../api/helpers/loopbackServer';
import { recordingLog, type RecordingLog } from '../commands/helpers/recordingLog';
import { ECHO_ANSWERS, echoingHandler, type EchoAnswer } from './support/echoingServer';

const TOKEN = 'SECRET-MARKER-token-7c41e9b2d05f';
const USERNAME = 'agent';
const PASSWORD = 'SECRET-MARKER-password-e83a';
const BASIC_CREDENTIAL = Buffer.from(`${USERNAME}:${PASSWORD}`, 'utf8').toString('base64');
const SECRETS = [TOKEN, PASSWORD, BASIC_CREDENTIAL];
const PAGE_ASSETS = {
  nonce: 'c2VjcmV0cy10ZXN0LW5vbmNl',
  cspSource: 'https://webview.test',
  scriptUri: 'https://webview.test/media/detail.js',
  styleUri: 'https://webview.test/media/detail.css',
};

/** Every string an outcome can put in front of a person or into a file. */
interface Exposure {
  where: string;
  text: string;
}

function leaks(exposures: readonly Exposure[]): string[] {
  return exposures.flatMap(({ where, text }) =>
    SECRETS.filter((secret) => text.includes(secret)).map((secret) => `${where} shows ${secret.slice(0, 20)}…: ${text.slice(0, 300)}`),
  );
}

function detailsWithoutCause(error: unknown): string {
  if (!isNcxError(error)) {
    return '';
  }
  // The cause is the low-level error, kept for debugging and never shown.
  return JSON.stringify({ ...error.details, cause: undefined });
}

/** What the extension would show and log for one failed or partial call. */
function exposuresOf(label: string, outcome: { error?: unknown; issues?: readonly ValidationIssue[] }, log: RecordingLog): Exposure[] {
  const exposures: Exposure[] = [];
  const { error, issues } = outcome;
  if (error !== undefined) {
    const message = error instanceof Error ? error.message : String(error);
    exposures.push({ where: `${label}: message`, text: message });
    exposures.push({ where: `${label}: details`, text: detailsWithoutCause(error) });
    exposures.push({ where: `${label}: tree row`, text: describeFetchFailure(error).message });
    const panel = describeFetchError(error, 'wi_12346', untranslated);
    exposures.push({
      where: `${label}: error page`,
      text: renderDetailErrorHtml({ ...PAGE_ASSETS, workitemId: 'wi_12346', ...panel }),
    });
    // What the ActionRunner and the connection write when a call fails.
    log.warn(`${label} failed: ${message}`);
  }
  if (issues !== undefined && issues.length > 0) {
    exposures.push({ where: `${label}: issues`, text: JSON.stringify(issues) });
    exposures.push({
      where: `${label}: detail page`,
      text: renderDetailHtml({ ...PAGE_ASSETS, workitem: realisticWorkitem(1), issues, permissions: [], now: Date.now() }),
    });
  }
  return exposures;
}

async function outcomeOf(call: () => Promise<unknown>): Promise<{ error?: unknown; issues?: readonly ValidationIssue[] }> {
  try {
    const result = await call();
    const issues = (result as { issues?: ValidationIssue[] } | undefined)?.issues;
    return issues ? { issues } : {};
  } catch (error) {
    return { error };
  }
}

describe('hardening: credentials echoed by a hostile server', function () {
  this.timeout(30_000);
  let server: LoopbackServer;
  let answer: EchoAnswer = ECHO_ANSWERS['htmlPage'] as EchoAnswer;
  let log: RecordingLog;
  let exposures: Exposure[];
  let requests: RequestLogEntry[];

  before(async () => {
    server = await startLoopbackServer(echoingHandler(() => answer));
  });

  after(async () => {
    await server.close();
  });

  beforeEach(() => {
    // The log as the connection sets it up: the session token is registered, the password is not.
    log = recordingLog();
    log.addSecret(TOKEN);
    exposures = [];
    requests = [];
  });

  afterEach(() => {
    for (const entry of requests) {
      logRequest(log, entry);
    }
    exposures.push(...log.lines.map((line) => ({ where: 'log', text: line })));
    const found = leaks(exposures);
    assert.equal(found.length, 0, `${found.length} leaks, the first ones:\n${found.slice(0, 8).join('\n')}`);
  });

  const onRequest = (entry: RequestLogEntry): void => {
    requests.push(entry);
  };
  const quickWait = async (): Promise<void> => undefined;

  function client(authScheme: AuthScheme, location = server.url): NcxClient {
    return new NcxClient({ location, token: () => TOKEN, authScheme, timeoutMs: 300, retries: 1, wait: quickWait, onRequest });
  }

  async function tryEveryAnswer(label: string, call: () => Promise<unknown>): Promise<number> {
    let failures = 0;
    for (const [name, echo] of Object.entries(ECHO_ANSWERS)) {
      answer = echo;
      const outcome = await outcomeOf(call);
      failures += outcome.error === undefined ? 0 : 1;
      exposures.push(...exposuresOf(`${label} / ${name}`, outcome, log));
    }
    return failures;
  }

  for (const scheme of ['bearer', 'raw'] as const) {
    it(`keeps the ${scheme} token out of everything the workitem calls produce`, async () => {
      const api = client(scheme);
      let failures = 0;
      failures += await tryEveryAnswer('search', () => api.search({ rows: 10 }));
      failures += await tryEveryAnswer('count', () => api.count('state:active'));
      failures += await tryEveryAnswer('fetch', () => api.fetchWorkitem('wi_12346'));
      failures += await tryEveryAnswer('hold', () => api.act('hold', 'wi_12346', {}));
      failures += await tryEveryAnswer('unhold', () => api.act('unhold', 'wi_12346', {}));
      failures += await tryEveryAnswer('hang up', () => api.act('hangup', 'wi_12346', {}));
      failures += await tryEveryAnswer('transfer', () => api.act('transfer', 'wi_12346', { queueId: 'q_billing' }));
      failures += await tryEveryAnswer('queues', () => api.listQueues());
      assert.ok(failures > 8 * 10, `most echoes fail the call (${failures})`);
      assert.ok(
        server.requests.some((request) => String(request.headers.authorization).includes(TOKEN)),
        'the token was really sent, so the server really had it to echo',
      );
    });
  }

  it('keeps the token out of a renewal that fails', async () => {
    const failures = await tryEveryAnswer('refresh', () =>
      refreshToken({ location: server.url, token: TOKEN, timeoutMs: 300, onRequest }),
    );
    assert.ok(failures >= Object.keys(ECHO_ANSWERS).length - 1);
  });

  it('keeps the password and the Basic credential out of a sign-in that fails', async () => {
    const failures = await tryEveryAnswer('sign-in', () =>
      signIn({ loginUrl: server.url, username: USERNAME, password: PASSWORD, timeoutMs: 300, onRequest }),
    );
    assert.equal(failures, Object.keys(ECHO_ANSWERS).length);
    assert.ok(server.requests.some((request) => request.headers.authorization === `Basic ${BASIC_CREDENTIAL}`));
  });

  it('keeps the token out of network failures', async () => {
    const port = await closedPort();
    exposures.push(...exposuresOf('refused', await outcomeOf(() => client('bearer', `http://127.0.0.1:${port}`).count(undefined)), log));
    exposures.push(
      ...exposuresOf('bad location', await outcomeOf(() => client('bearer', `ftp://${TOKEN}@example.com`).count(undefined)), log),
    );
    assert.ok(exposures.length >= 8);
  });

  it('never follows a redirect that would carry the token to another server', async () => {
    const thief = await startLoopbackServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end('{"count":0,"total":0,"objects":[]}');
    });
    try {
      answer = (_echo, _request, response) => {
        response.writeHead(307, { Location: `${thief.url}/data/api/types/workitem` });
        response.end();
      };
      const outcome = await outcomeOf(() => client('bearer').search({ rows: 10 }));
      exposures.push(...exposuresOf('redirect', outcome, log));
      const sent = thief.requests.map((request) => String(request.headers.authorization ?? ''));
      assert.deepEqual(sent.filter((header) => header.includes(TOKEN)), [], 'the token reached the redirect target');
      assert.ok(isNcxError(outcome.error), 'a redirect is an answer the API never gives');
      assert.match(outcome.error.message, /unexpected status HTTP 307/);
    } finally {
      await thief.close();
    }
  });
});
