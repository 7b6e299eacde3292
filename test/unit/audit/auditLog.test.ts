import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NcxError } from '../../../src/api/errors';
import { actionAudit, outcomeOf } from '../../../src/audit/actionAudit';
import { AuditLog } from '../../../src/audit/auditLog';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW9mLXRoZS10b2tlbg';
const T0 = Date.UTC(2026, 11, 2, 15, 0, 0);

describe('action history (audit log)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'audit-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  function recorder(log: AuditLog, warnings: string[] = [], now = T0 + 120) {
    return actionAudit({
      record: (record) => log.record(record),
      where: () => ({ tenant: 'sandbox', user: 'admin' }),
      log: { warn: (message) => void warnings.push(message) },
      now: () => now,
    });
  }

  it('appends one line per action, with tenant, user, outcome and duration, and reads them newest first', async () => {
    const log = new AuditLog(dir);
    const audit = recorder(log);
    await audit({ action: 'hold', workitemId: 'wi_1', sentAt: T0 });
    await audit({ action: 'transfer', workitemId: 'wi_2', parameters: { queueId: 'q_sales' }, sentAt: T0 + 50 });
    await audit({
      action: 'hold',
      workitemId: 'wi_3',
      sentAt: T0 + 100,
      error: new NcxError('conflict', 'wi_3 is terminated: hold is not possible', { status: 409 }),
    });
    const lines = (await fs.readFile(log.file, 'utf8')).trim().split('\n');
    assert.equal(lines.length, 3);
    const { entries, skipped } = await log.read();
    assert.deepEqual(skipped, []);
    assert.deepEqual(entries.map((entry) => [entry.workitemId, entry.outcome]), [['wi_3', 'refused'], ['wi_2', 'done'], ['wi_1', 'done']]);
    assert.deepEqual(entries[1]?.parameters, { queueId: 'q_sales' });
    assert.deepEqual(entries[0]?.error, { kind: 'conflict', status: 409, message: 'wi_3 is terminated: hold is not possible' });
    assert.equal(entries[2]?.durationMs, 120);
    assert.equal(entries[2]?.tenant, 'sandbox');
    assert.equal(entries[2]?.user, 'admin');
  });

  it('never writes a token or a password, whatever the caller passes', async () => {
    const log = new AuditLog(dir, { secrets: () => ['admin-password'] });
    await log.record({
      at: T0,
      tenant: 'acme.example.com',
      user: 'admin',
      workitemId: 'wi_1',
      action: 'hold',
      parameters: { queueId: 'q_1', token: TOKEN, password: 'admin-password', note: `Authorization: Bearer ${TOKEN}` },
      outcome: 'failed',
      error: { message: `401 for token=${TOKEN} (password admin-password)` },
      durationMs: 3,
    });
    await recorder(log)({ action: 'hold', workitemId: 'wi_2', sentAt: T0, error: new Error(`GET /x?access_token=${TOKEN}`) });
    const content = await fs.readFile(log.file, 'utf8');
    assert.ok(!content.includes(TOKEN.slice(0, 30)), content);
    assert.ok(!content.includes('admin-password'), content);
    assert.ok(!/"(token|password)"/.test(content), content);
    assert.equal((await log.read()).entries.length, 2);
  });

  it('skips and reports a corrupt or foreign line instead of failing', async () => {
    const log = new AuditLog(dir);
    await recorder(log)({ action: 'hold', workitemId: 'wi_1', sentAt: T0 });
    await fs.appendFile(log.file, '{"v":1,"at":"yesterday"}\nnot json at all\n{"v":1,"at":17');
    // The next session finds half a line at the end (a crash mid-write): its own line stays whole.
    await recorder(new AuditLog(dir))({ action: 'unhold', workitemId: 'wi_1', sentAt: T0 + 10 });
    const { entries, skipped } = await log.read();
    assert.deepEqual(entries.map((entry) => entry.action), ['unhold', 'hold']);
    assert.deepEqual(skipped.map((line) => line.line), [2, 3, 4]);
    assert.match(skipped[0]?.problem ?? '', /^at:/);
  });

  it('keeps lines whole when actions finish together, and reads an absent file as empty', async () => {
    const log = new AuditLog(path.join(dir, 'nested', 'storage'));
    assert.deepEqual(await log.read(), { entries: [], skipped: [] });
    const audit = recorder(log);
    await Promise.all(Array.from({ length: 50 }, (_, n) => audit({ action: 'hold', workitemId: `wi_${n}`, sentAt: T0 + n })));
    const { entries, skipped } = await log.read();
    assert.equal(entries.length, 50);
    assert.deepEqual(skipped, []);
    assert.equal(new Set(entries.map((entry) => entry.workitemId)).size, 50);
  });

  it('exports a copy, and reports a write failure in the log without throwing', async () => {
    const log = new AuditLog(dir);
    await recorder(log)({ action: 'hangup', workitemId: 'wi_9', sentAt: T0 });
    const target = path.join(dir, 'copy.jsonl');
    await log.exportTo(target);
    assert.equal(await fs.readFile(target, 'utf8'), await fs.readFile(log.file, 'utf8'));

    const blocked = path.join(dir, 'a-file');
    await fs.writeFile(blocked, '');
    const warnings: string[] = [];
    await recorder(new AuditLog(path.join(blocked, 'below')), warnings)({ action: 'hold', workitemId: 'wi_1', sentAt: T0 });
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /could not record hold wi_1/);
  });

  it('classifies outcomes the way the action runner reports them', () => {
    assert.equal(outcomeOf(undefined), 'done');
    assert.equal(outcomeOf(new NcxError('forbidden', 'no')), 'refused');
    assert.equal(outcomeOf(new NcxError('notFound', 'gone')), 'refused');
    assert.equal(outcomeOf(new NcxError('cancelled', 'stop')), 'cancelled');
    assert.equal(outcomeOf(new NcxError('timeout', 'slow')), 'failed');
    assert.equal(outcomeOf(new Error('boom')), 'failed');
  });
});
