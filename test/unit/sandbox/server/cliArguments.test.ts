import * as assert from 'node:assert/strict';
import { CliUsageError, parseCliArguments } from '../../../../src/sandbox/server/cliArguments';

describe('sandbox command line', () => {
  it('defaults to port 7357 with traffic on', () => {
    const args = parseCliArguments([]);
    assert.equal(args.port, 7357);
    assert.equal(args.traffic, true);
    assert.equal(args.trafficSpeed, 1);
    assert.equal(args.allowFaults, false);
    assert.equal(args.size, undefined);
  });

  it('reads every flag', () => {
    const args = parseCliArguments([
      '--port', '0', '--size', '1000000', '--seed', '42', '--data', 'sandbox-data',
      '--no-traffic', '--traffic-speed', '2.5', '--token-lifetime', '5', '--allow-faults',
    ]);
    assert.deepEqual(args, {
      help: false,
      port: 0,
      size: 1_000_000,
      seed: 42,
      dataDir: 'sandbox-data',
      traffic: false,
      trafficSpeed: 2.5,
      tokenLifetimeSeconds: 5,
      allowFaults: true,
      exitWithParent: false,
      host: undefined,
      tls: false,
      latencyMs: 0,
      jitterMs: 0,
      dropRate: 0,
      rateLimit: undefined,
    });
  });

  it('reads the network profile', () => {
    const args = parseCliArguments([
      '--tls', '--host', '127.0.0.2', '--latency', '40', '--jitter', '10', '--drop', '0.02', '--rate-limit', '5',
    ]);
    assert.equal(args.tls, true);
    assert.equal(args.host, '127.0.0.2');
    assert.equal(args.latencyMs, 40);
    assert.equal(args.jitterMs, 10);
    assert.equal(args.dropRate, 0.02);
    assert.equal(args.rateLimit, 5);
  });

  it('refuses a network profile that cannot be', () => {
    assert.throws(() => parseCliArguments(['--drop', '1.5']), /--drop takes a share from 0 to 1/);
    assert.throws(() => parseCliArguments(['--host', '10.0.0.1']), /--host takes a loopback address/);
    assert.throws(() => parseCliArguments(['--latency=-1']), /--latency must be at least 0/);
    assert.throws(() => parseCliArguments(['--rate-limit', '0']), /--rate-limit must be at least 1/);
  });

  it('names the flag that is wrong', () => {
    assert.throws(() => parseCliArguments(['--port', 'abc']), (error: unknown) => error instanceof CliUsageError && /--port/.test(error.message));
    assert.throws(() => parseCliArguments(['--size', '1000001']), /--size must be at most 1000000/);
    assert.throws(() => parseCliArguments(['--colour']), CliUsageError);
  });

  it('takes a traffic speed within its bounds only', () => {
    assert.equal(parseCliArguments(['--traffic-speed', '400']).trafficSpeed, 400);
    assert.equal(parseCliArguments(['--traffic-speed', '0.5']).trafficSpeed, 0.5);
    assert.throws(() => parseCliArguments(['--traffic-speed', '0']), /--traffic-speed must be at least 0.1/);
    assert.throws(() => parseCliArguments(['--traffic-speed', '1001']), /--traffic-speed must be at most 1000/);
    assert.throws(() => parseCliArguments(['--traffic-speed', 'fast']), /--traffic-speed takes a number/);
    assert.throws(() => parseCliArguments(['--traffic-speed', '-2']), CliUsageError);
  });
});
