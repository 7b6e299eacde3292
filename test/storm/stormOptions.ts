// The storm's command line: `node out/test/storm/run.js [--actions N] [--seconds S] ...`.
// Every bound has a ceiling, so a typo cannot turn the storm into an unbounded load test.
import { parseArgs } from 'node:util';
import { z } from 'zod';

const whole = (min: number, max: number, fallback: number) =>
  z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .optional()
    .transform((value) => value ?? fallback);

const StormArgsSchema = z.object({
  /** Most actions per phase. */
  actions: whole(10, 20_000, 2000),
  /** Longest a phase fires, in seconds. */
  seconds: whole(1, 60, 5),
  /** Requests in flight at once. */
  concurrency: whole(1, 128, 32),
  /** Workitems the actions aim at: few, so that they collide. */
  targets: whole(2, 500, 60),
  size: whole(100, 50_000, 3000),
  seed: whole(0, 2 ** 31, 42),
});

export type StormOptions = z.output<typeof StormArgsSchema>;

export function parseStormOptions(argv: readonly string[]): StormOptions {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      actions: { type: 'string' },
      seconds: { type: 'string' },
      concurrency: { type: 'string' },
      targets: { type: 'string' },
      size: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  return StormArgsSchema.parse(values);
}
