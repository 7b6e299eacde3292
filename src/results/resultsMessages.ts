// The results panel's message protocol, validated in both directions: what the page asks is parsed
// before the extension acts, and what the extension sends is checked before it is posted.
import * as z from '../api/zodMini';

/** Most rows one range request may ask for: a screen is far fewer. */
export const MAX_RANGE_ROWS = 200;

const index = z.number().check(z.int(), z.nonnegative());

export const ResultsRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** The rows the page is about to show: fetched exactly, nothing more. */
  z.object({ type: z.literal('range'), generation: index, start: index, count: z.number().check(z.int(), z.gte(1), z.lte(MAX_RANGE_ROWS)) }),
  z.object({ type: z.literal('sort'), column: z.string().check(z.minLength(1), z.maxLength(200)) }),
  z.object({ type: z.literal('open'), workitemId: z.string().check(z.minLength(1), z.maxLength(500)) }),
  z.object({ type: z.literal('chooseColumns') }),
  z.object({ type: z.literal('export') }),
  z.object({ type: z.literal('copyCurl') }),
  z.object({ type: z.literal('scriptError'), message: z.string().check(z.maxLength(2000)) }),
]);
export type ResultsRequest = z.infer<typeof ResultsRequestSchema>;

const sortSchema = z.nullable(z.object({ column: z.string(), direction: z.enum(['asc', 'desc']) }));

export const ResultsUpdateSchema = z.discriminatedUnion('type', [
  /** A new result set (a run, a sort, new columns): the page drops what it had. */
  z.object({
    type: z.literal('reset'),
    generation: index,
    total: index,
    columns: z.array(z.string()),
    sort: sortSchema,
    status: z.string(),
  }),
  z.object({
    type: z.literal('rows'),
    generation: index,
    start: index,
    ids: z.array(z.string()),
    cells: z.array(z.array(z.string())),
  }),
  z.object({ type: z.literal('error'), generation: index, message: z.string() }),
]);
export type ResultsUpdate = z.infer<typeof ResultsUpdateSchema>;

export function parseResultsRequest(raw: unknown): { ok: true; message: ResultsRequest } | { ok: false; problem: string } {
  const parsed = ResultsRequestSchema.safeParse(raw);
  return parsed.success
    ? { ok: true, message: parsed.data }
    : { ok: false, problem: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
}

/** Throws on a message the page would not understand: a bug here, caught before it is posted. */
export function checkedUpdate(update: ResultsUpdate): ResultsUpdate {
  return ResultsUpdateSchema.parse(update);
}
