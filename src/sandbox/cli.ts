// `node dist/sandbox.js`: the sandbox as a stand-alone process (`npm run sandbox -- --port 7357`).
import { readyLine } from './server/readyLine';
import { CliUsageError, parseCliArguments, USAGE } from './server/cliArguments';
import { startSandbox, type RunningSandbox } from './server/startSandbox';
import { startupSummary } from './server/startupSummary';
import { DEFAULT_TOKEN_LIFETIME_SECONDS } from './auth/tokens';

async function main(): Promise<void> {
  let args;
  try {
    args = parseCliArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return;
  }

  const started = Date.now();
  const sandbox: RunningSandbox = await startSandbox({
    port: args.port,
    size: args.size,
    seed: args.seed,
    dataDir: args.dataDir,
    traffic: args.traffic,
    trafficSpeed: args.trafficSpeed,
    tokenLifetimeSeconds: args.tokenLifetimeSeconds,
    allowFaults: args.allowFaults,
    host: args.host,
    tls: args.tls,
    latencyMs: args.latencyMs,
    jitterMs: args.jitterMs,
    dropRate: args.dropRate,
    rateLimit: args.rateLimit,
    log: (message) => process.stderr.write(`${message}\n`),
  });
  const summary = startupSummary(sandbox, {
    dataDir: args.dataDir,
    traffic: args.traffic,
    trafficSpeed: args.trafficSpeed,
    allowFaults: args.allowFaults,
    tokenLifetimeSeconds: args.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    startupMs: Date.now() - started,
    network: {
      caPath: sandbox.caPath,
      latencyMs: args.latencyMs,
      jitterMs: args.jitterMs,
      dropRate: args.dropRate,
      rateLimit: args.rateLimit,
    },
  });
  process.stdout.write(`${readyLine(sandbox.url)}\n${summary.join('\n')}\n`);

  let stopping = false;
  const shutdown = (reason: string): void => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`Stopping the sandbox (${reason}).\n`);
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`Stopping failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  if (args.exitWithParent) {
    process.stdin.on('end', () => shutdown('parent gone')).on('error', () => shutdown('parent gone'));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`The sandbox could not start: ${message}\n`);
  process.exit(1);
});
