// A sandbox data directory: meta.json (seed, size, present), the token secret (so tokens outlive a
// restart) and the journal of mutations.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { newTokenSecret } from '../auth/tokens';
import { writeFileAtomically } from './fsyncFile';
import { Journal, type JournalContents } from './journal';
import { readMeta, writeMeta, type Meta } from './meta';

export const META_FILE = 'meta.json';
export const JOURNAL_FILE = 'journal.jsonl';
export const SECRET_FILE = 'token-secret';

export interface OpenedDataDir {
  meta: Meta;
  /** True when the directory was empty and has just been set up. */
  created: boolean;
  secret: Buffer;
  journal: Journal;
  contents: JournalContents;
}

export interface DataDirRequest {
  /** Seed and size asked for on this start; they must agree with an existing directory. */
  seed?: number;
  size?: number;
  /** Used when the directory is new. */
  defaults: Omit<Meta, 'format'>;
}

async function loadOrCreateSecret(file: string): Promise<Buffer> {
  try {
    const hex = (await fs.readFile(file, 'utf8')).trim();
    if (/^[0-9a-f]{64}$/.test(hex)) {
      return Buffer.from(hex, 'hex');
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  const secret = newTokenSecret();
  await writeFileAtomically(file, `${secret.toString('hex')}\n`, 0o600);
  return secret;
}

export async function openDataDir(directory: string, request: DataDirRequest): Promise<OpenedDataDir> {
  await fs.mkdir(directory, { recursive: true });
  const metaFile = path.join(directory, META_FILE);
  const existing = await readMeta(metaFile);
  if (existing) {
    for (const key of ['seed', 'size'] as const) {
      const asked = request[key];
      if (asked !== undefined && asked !== existing[key]) {
        throw new Error(
          `The data directory holds a sandbox with ${key} ${existing[key]}, not ${asked}; ` +
            `start without --${key}, or use another directory.`,
        );
      }
    }
  }
  const meta: Meta = existing ?? {
    format: 1,
    seed: request.seed ?? request.defaults.seed,
    size: request.size ?? request.defaults.size,
    now: request.defaults.now,
  };
  if (!existing) {
    await writeMeta(metaFile, meta);
  }
  const secret = await loadOrCreateSecret(path.join(directory, SECRET_FILE));
  const { journal, contents } = await Journal.open(path.join(directory, JOURNAL_FILE));
  return { meta, created: !existing, secret, journal, contents };
}
