// The NCX session the user signed in to: kept whole in SecretStorage (the token must never land
// in settings or globalState), and validated on the way out because another window, or an older
// version of the extension, may have written it.
import * as z from '../api/zodMini';
import type { Event } from './emitter';

export const StoredSessionSchema = z.object({
  loginUrl: z.string().check(z.minLength(1)),
  location: z.string().check(z.minLength(1)),
  token: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

export interface SessionStore {
  get(): Promise<StoredSession | undefined>;
  set(session: StoredSession): Promise<void>;
  delete(): Promise<void>;
  /** Fires when any window of this profile changed the stored session. */
  readonly onDidChange: Event<void>;
}

/** Parses what the store holds; anything unreadable counts as "no session". */
export function parseStoredSession(raw: string | undefined): StoredSession | undefined {
  if (raw === undefined) {
    return undefined;
  }
  try {
    const parsed = StoredSessionSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
