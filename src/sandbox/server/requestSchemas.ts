// The shape of every request the sandbox accepts, as zod schemas.
import { z } from 'zod';
import { SEARCH_DEFAULT_ROWS, SEARCH_MAX_ROWS } from '../../api/paths';

function integerParameter(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );
}

/** `GET /data/api/types/{type}`. Unknown parameters (NCX clients may send `queryParams`) are ignored. */
export const SearchQuerySchema = z.looseObject({
  q: z.string().max(4000, { error: 'must be at most 4000 characters' }).optional(),
  rows: integerParameter(0, SEARCH_MAX_ROWS).default(SEARCH_DEFAULT_ROWS),
  start: integerParameter(0, Number.MAX_SAFE_INTEGER).default(0),
  sort: z.string().max(200, { error: 'must be at most 200 characters' }).optional(),
});
export type SearchQuery = z.output<typeof SearchQuerySchema>;

const idSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .refine((id) => !/[\u0000-\u001f]/.test(id), { error: 'must not contain control characters' });

export const SchemaTypeParamsSchema = z.object({ type: z.string().min(1).max(100) });
export const WorkitemParamsSchema = z.object({ id: idSchema });
export const TransferParamsSchema = z.object({ id: idSchema, queueId: idSchema });
export const UserTransferParamsSchema = z.object({ id: idSchema, userId: idSchema });
export const DtmfParamsSchema = z.object({
  id: idSchema,
  digit: z.string().regex(/^[0-9*#]$/, { error: 'must be one of 0-9, * and #' }),
});

/** `POST /workflows/api/workitems/{id}/acd`: NCX's changeWorkitemPriority payload. */
export const PriorityBodySchema = z.looseObject({
  priority: z.number().int({ error: 'must be a whole number' }).min(1, { error: 'must be at least 1' }).max(5, { error: 'must be at most 5' }),
});

/** NCX's TransferToAgentPayload; `eventName`, `recording` and `survey` are accepted and ignored. */
export const UserTransferBodySchema = z.looseObject({ userId: idSchema, workitemId: idSchema });

/** The disposition body we assume (see DISPOSITION in src/api/paths.ts). */
export const DispositionBodySchema = z.looseObject({ dispositionId: idSchema });

export const RECORDING_OPTIONS = ['keepCurrent', 'startRecording', 'stopRecording'] as const;

/** NCX's TransferToInboxPayload; `eventName` and `survey` are accepted and ignored. */
export const TransferBodySchema = z.looseObject({
  inboxId: idSchema,
  workitemId: idSchema,
  ringAll: z.boolean().optional(),
  recording: z.enum(RECORDING_OPTIONS).optional(),
  eventName: z.string().max(200).optional(),
});
export type TransferBody = z.output<typeof TransferBodySchema>;
