import { strict as assert } from 'node:assert';
import { buildExchange, EXCHANGE_BODY_LIMIT } from '../../../src/api/exchange';
import { curlForSearch, shellQuote, toCurl } from '../../../src/inspector/curl';
import { ExchangeLog } from '../../../src/inspector/exchangeLog';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl';

function exchange(status: number, url: string): ReturnType<typeof buildExchange> {
  return buildExchange({
    startedAt: 0,
    method: 'GET',
    url,
    headers: { Accept: 'application/json', Authorization: `Bearer ${TOKEN}` },
    token: TOKEN,
    secrets: [TOKEN, `Bearer ${TOKEN}`],
    status,
    responseText: `{"echo":"${TOKEN}"}`,
    durationMs: 3,
    attempt: 1,
  });
}

describe('inspector/exchange', () => {
  it('replaces the token in headers and bodies and cuts long bodies', () => {
    const record = exchange(200, 'http://127.0.0.1:1/x');
    assert.equal(record.requestHeaders['Authorization'], 'Bearer <token>');
    assert.ok(!JSON.stringify(record).includes(TOKEN));
    const long = buildExchange({ ...{ startedAt: 0, method: 'GET', url: 'http://h/', headers: {}, secrets: [], durationMs: 1, attempt: 1 }, responseText: 'x'.repeat(EXCHANGE_BODY_LIMIT + 5) });
    assert.equal(long.responseBody.length, EXCHANGE_BODY_LIMIT);
    assert.equal(long.responseBodyCut, true);
    assert.equal(long.size, EXCHANGE_BODY_LIMIT + 5);
  });

  it('keeps the newest exchanges first in a bounded ring and filters them', () => {
    const log = new ExchangeLog(3);
    for (const [status, path] of [[200, '/a'], [404, '/users/api/workitems/x'], [200, '/b'], [503, '/data/api/types/workitem?q=state']] as const) {
      log.add(exchange(status, `http://h${path}`), 'admin@h');
    }
    assert.deepEqual(log.list().map((item) => item.status), [503, 200, 404]);
    assert.deepEqual(log.list({ status: '4xx' }).map((item) => item.status), [404]);
    assert.deepEqual(log.list({ path: 'workitem' }).map((item) => item.status), [503, 404]);
  });
});

describe('inspector/curl', () => {
  it('quotes for a POSIX shell and reads the token from NCX_TOKEN', () => {
    assert.equal(shellQuote("O'Brien"), `'O'\\''Brien'`);
    const command = toCurl({ method: 'POST', url: 'http://h/x', headers: { 'Content-Type': 'application/json' }, body: '{"a":"b c"}', auth: 'bearer' });
    assert.equal(
      command,
      `curl -sS --globoff -X POST 'http://h/x' -H 'Content-Type: application/json' -H "Authorization: Bearer \${NCX_TOKEN}" --data-raw '{"a":"b c"}'`,
    );
  });

  it('builds the search URL the client sends', () => {
    const command = curlForSearch({ location: 'http://127.0.0.1:9', authScheme: 'raw' }, { q: 'contact.lastName:"O\'Brien"', rows: 5, sort: 'createdAt desc' });
    assert.match(command, /'http:\/\/127\.0\.0\.1:9\/data\/api\/types\/workitem\?q=contact\.lastName%3A%22O%27Brien%22&rows=5&start=0&sort=createdAt\+desc'/);
    assert.match(command, /-H "Authorization: \$\{NCX_TOKEN\}"$/);
  });
});
