// The command line of `node dist/sandbox.js`, parsed with node:util and validated with zod.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { MAX_DATASET_SIZE as MAX_SIZE } from '../data';
import { MAX_TRAFFIC_SPEED, MIN_TRAFFIC_SPEED } from '../traffic/timings';

export const DEFAULT_CLI_PORT = 7357;

export const USAGE = `Usage: node dist/sandbox.js [options]

A local NCX (Nextiva contact center) emulator for Workitem Inspector, on 127.0.0.1 only.

Options:
  --port N               port to listen on (default ${DEFAULT_CLI_PORT}; 0 picks a free port)
  --size N               number of workitems, 0 to ${MAX_SIZE} (default 5000)
  --seed N               data set seed (same seed and size, same data)
  --data DIR             keep a journal in DIR: actions survive a restart
  --no-traffic           no living traffic (new workitems, agents acting)
  --traffic-speed X      living traffic X times faster than real life, ${MIN_TRAFFIC_SPEED} to ${MAX_TRAFFIC_SPEED}
                         (default 1: an arrival every few seconds; 100: the same life 100 times faster)
  --token-lifetime S     access token lifetime in seconds (default 3600)
  --allow-faults         serve the test hooks: PUT/DELETE /__sandbox/faults (fault injection)
                         and PUT /__sandbox/traffic (pause and resume living traffic)
  --exit-with-parent     exit when standard input closes (used when run as a child process)
  --host ADDRESS         loopback address to listen on, 127.x.x.x (default 127.0.0.1; VS Code treats
                         any other than 127.0.0.1 as a remote host)
  --tls                  HTTPS with a certificate made at start; its CA is written next to --data
                         (or to a temporary folder) and the path printed: clients must trust it
  --latency MS           add MS milliseconds each way (a network between client and sandbox)
  --jitter MS            vary each delay by up to MS either way
  --drop P               drop or stall a share P (0 to 1) of connections
  --rate-limit N         answer 429 with Retry-After past N requests a second per token
  --help                 show this help
`;

function integer(name: string, min: number, max: number) {
  return z
    .string()
    .regex(/^-?\d+$/, { error: `--${name} takes a whole number` })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `--${name} must be at least ${min}` })
        .max(max, { error: `--${name} must be at most ${max}` }),
    );
}

const speed = z
  .string()
  .regex(/^\d+(\.\d+)?$/, { error: '--traffic-speed takes a number, like 1 or 2.5' })
  .transform(Number)
  .pipe(
    z
      .number()
      .min(MIN_TRAFFIC_SPEED, { error: `--traffic-speed must be at least ${MIN_TRAFFIC_SPEED}` })
      .max(MAX_TRAFFIC_SPEED, { error: `--traffic-speed must be at most ${MAX_TRAFFIC_SPEED}` }),
  );

function milliseconds(name: string) {
  return integer(name, 0, 10_000);
}

const share = z
  .string()
  .regex(/^(0(\.\d+)?|1(\.0+)?)$/, { error: '--drop takes a share from 0 to 1, like 0.02' })
  .transform(Number);

const loopbackAddress = z
  .string()
  .regex(/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/, { error: '--host takes a loopback address, 127.x.x.x' });

const CliValuesSchema = z.object({
  port: integer('port', 0, 65535).default(DEFAULT_CLI_PORT),
  size: integer('size', 0, MAX_SIZE).optional(),
  seed: integer('seed', -(2 ** 31), 2 ** 32 - 1).optional(),
  data: z.string().min(1, { error: '--data needs a directory' }).optional(),
  'no-traffic': z.boolean().default(false),
  'traffic-speed': speed.default(1),
  'token-lifetime': integer('token-lifetime', 1, 30 * 24 * 3600).optional(),
  'allow-faults': z.boolean().default(false),
  'exit-with-parent': z.boolean().default(false),
  host: loopbackAddress.optional(),
  tls: z.boolean().default(false),
  latency: milliseconds('latency').default(0),
  jitter: milliseconds('jitter').default(0),
  drop: share.default(0),
  'rate-limit': integer('rate-limit', 1, 1_000_000).optional(),
  help: z.boolean().default(false),
});

export interface CliArguments {
  help: boolean;
  port: number;
  size?: number;
  seed?: number;
  dataDir?: string;
  traffic: boolean;
  /** How many times faster than real life living traffic goes. */
  trafficSpeed: number;
  tokenLifetimeSeconds?: number;
  allowFaults: boolean;
  exitWithParent: boolean;
  host?: string;
  tls: boolean;
  latencyMs: number;
  jitterMs: number;
  dropRate: number;
  rateLimit?: number;
}

export class CliUsageError extends Error {}

export function parseCliArguments(argv: readonly string[]): CliArguments {
  let values: unknown;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        size: { type: 'string' },
        seed: { type: 'string' },
        data: { type: 'string' },
        'no-traffic': { type: 'boolean' },
        'traffic-speed': { type: 'string' },
        'token-lifetime': { type: 'string' },
        'allow-faults': { type: 'boolean' },
        'exit-with-parent': { type: 'boolean' },
        host: { type: 'string' },
        tls: { type: 'boolean' },
        latency: { type: 'string' },
        jitter: { type: 'string' },
        drop: { type: 'string' },
        'rate-limit': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliUsageError(error instanceof Error ? error.message : String(error));
  }
  const parsed = CliValuesSchema.safeParse(values);
  if (!parsed.success) {
    throw new CliUsageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  }
  const v = parsed.data;
  return {
    help: v.help,
    port: v.port,
    size: v.size,
    seed: v.seed,
    dataDir: v.data,
    traffic: !v['no-traffic'],
    trafficSpeed: v['traffic-speed'],
    tokenLifetimeSeconds: v['token-lifetime'],
    allowFaults: v['allow-faults'],
    exitWithParent: v['exit-with-parent'],
    host: v.host,
    tls: v.tls,
    latencyMs: v.latency,
    jitterMs: v.jitter,
    dropRate: v.drop,
    rateLimit: v['rate-limit'],
  };
}
