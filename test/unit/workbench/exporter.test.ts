import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { NcxClient } from '../../../src/api/client';
import { NcxError } from '../../../src/api/errors';
import type { HttpExchange } from '../../../src/api/exchange';
import type { Workitem } from '../../../src/api/schemas';
import { exportWorkitems, progressText } from '../../../src/export/exporter';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';

describe('export/exportWorkitems against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: TestSandbox;
  let client: NcxClient;
  let folder: string;
  const exchanges: HttpExchange[] = [];
  let token = '';

  before(async () => {
    sandbox = await startTestSandbox();
    token = await sandbox.tokenFor('admin');
    client = new NcxClient({ location: sandbox.url, token: () => token, retries: 0, onExchange: (exchange) => exchanges.push(exchange) });
  });
  after(() => sandbox.stop());
  beforeEach(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'export-test-'));
  });
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  async function expected(q: string): Promise<Workitem[]> {
    const all: Workitem[] = [];
    for await (const page of client.pages({ q, sort: 'createdAt asc', rows: 1000 })) all.push(...page.items);
    return all;
  }

  it('writes JSON, NDJSON and CSV equal to the server answer, reporting progress', async () => {
    const q = 'channelType:sms';
    const items = await expected(q);
    const progress: number[] = [];
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      const target = path.join(folder, `out.${format}`);
      const written = await exportWorkitems({
        api: client,
        params: { q, sort: 'createdAt asc' },
        format,
        columns: ['workitemId', 'contact', 'priority'],
        target,
        pageSize: 50,
        onProgress: (count) => progress.push(count),
      });
      assert.equal(written, items.length);
      const text = fs.readFileSync(target, 'utf8');
      if (format === 'json') assert.deepEqual(JSON.parse(text), items);
      if (format === 'ndjson') assert.deepEqual(text.trimEnd().split('\n').map((line) => JSON.parse(line)), items);
      if (format === 'csv') {
        const rows = parseCsv(text, { columns: true }) as Array<Record<string, string>>;
        assert.deepEqual(rows.map((row) => row['workitemId']), items.map((item) => item.workitemId));
        assert.deepEqual(JSON.parse(rows[0]?.['contact'] ?? 'null'), items[0]?.contact);
      }
    }
    assert.equal(progress.at(-1), items.length);
    assert.deepEqual(fs.readdirSync(folder).sort(), ['out.csv', 'out.json', 'out.ndjson']);
  });

  it('a cancelled export leaves no file under the chosen name and no temporary file', async () => {
    const controller = new AbortController();
    const target = path.join(folder, 'cancelled.ndjson');
    await assert.rejects(
      exportWorkitems({
        api: client,
        params: {},
        format: 'ndjson',
        columns: [],
        target,
        pageSize: 100,
        signal: controller.signal,
        onProgress: (count) => {
          if (count >= 300) controller.abort();
        },
      }),
      (error: unknown) => error instanceof NcxError && error.kind === 'cancelled',
    );
    assert.deepEqual(fs.readdirSync(folder), []);
  });

  it('a page that fails while the one before it is written leaves no file, and no stray rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    // The third page fails: it is asked for (ahead) while the second is written.
    const failing: Pick<NcxClient, 'pages'> = {
      async *pages(params, options) {
        let served = 0;
        for await (const page of client.pages(params, options)) {
          if (++served === 3) throw new NcxError('server', 'The server answered 500 for page 3.');
          yield page;
        }
      },
    };
    const target = path.join(folder, 'failed.ndjson');
    try {
      await assert.rejects(
        exportWorkitems({ api: failing, params: {}, format: 'ndjson', columns: [], target, pageSize: 100 }),
        (error: unknown) => error instanceof NcxError && /page 3/.test(error.message),
      );
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.deepEqual(fs.readdirSync(folder), []);
      assert.deepEqual(unhandled, []);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('an empty result is a valid empty file of each format', async () => {
    for (const format of ['json', 'ndjson', 'csv'] as const) {
      const target = path.join(folder, `empty.${format}`);
      assert.equal(await exportWorkitems({ api: client, params: { q: 'workitemId:none' }, format, columns: ['workitemId', 'state'], target }), 0);
      const text = fs.readFileSync(target, 'utf8');
      assert.equal(text, { json: '[]\n', ndjson: '', csv: 'workitemId,state\n' }[format]);
    }
  });

  it('the client reported each exchange with the token replaced', () => {
    assert.ok(exchanges.length > 0);
    for (const exchange of exchanges) {
      assert.ok(!JSON.stringify(exchange).includes(token));
      assert.equal(exchange.requestHeaders['Authorization'], 'Bearer <token>');
    }
  });
});

describe('export/progressText', () => {
  it('gives count, rate and time left', () => {
    assert.equal(progressText(10_000, 1_000_000, 2_000), '10,000 of 1,000,000 · 5,000/s · 3 min left');
    assert.equal(progressText(900, 1_000, 1_000), '900 of 1,000 · 900/s · 0 s left');
  });
});
