// Durable file writes: a file is only trusted to survive a crash once it and its directory entry
// have been fsync'ed.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export async function fsyncDirectory(directory: string): Promise<void> {
  // Directories cannot be opened for fsync on Windows; there the rename itself is the best we get.
  if (process.platform === 'win32') {
    return;
  }
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes `content` to `file` so a crash leaves either the old or the new content, never a mix. */
export async function writeFileAtomically(file: string, content: string | Buffer, mode = 0o644): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  const handle = await fs.open(temporary, 'w', mode);
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(temporary, file);
  await fsyncDirectory(path.dirname(file));
}
