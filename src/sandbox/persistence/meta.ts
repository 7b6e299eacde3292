// meta.json: what is needed to regenerate the data set the journal was written against.
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomically } from './fsyncFile';

export const MetaSchema = z.object({
  format: z.literal(1),
  seed: z.number().int(),
  size: z.number().int().min(0).max(1_000_000),
  /** The data set's "present" (Unix ms): the generator needs it to rebuild the same data. */
  now: z.number().int().nonnegative(),
});
export type Meta = z.infer<typeof MetaSchema>;

export async function readMeta(file: string): Promise<Meta | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${file} is not valid JSON.`);
  }
  const parsed = MetaSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(`${file} is not a sandbox meta file: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

export async function writeMeta(file: string, meta: Meta): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(meta, null, 2)}\n`);
}
