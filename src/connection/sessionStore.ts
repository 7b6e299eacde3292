// The NCX sessions the user signed in to, one per tenant: kept whole in SecretStorage (a token must
// never land in settings or globalState), and validated on the way out because another window, or
// an older version of the extension, may have written it.
import * as z from '../api/zodMini';
import type { Event } from './emitter';

export const StoredSessionSchema = z.object({
  loginUrl: z.string().check(z.minLength(1)),
  location: z.string().check(z.minLength(1)),
  token: z.string().check(z.minLength(1)),
  username: z.string().check(z.minLength(1)),
});
export type StoredSession = z.infer<typeof StoredSessionSchema>;

/** Each tenant's session under a key of its own: signing out of one touches no other. */
export interface SessionStore {
  get(tenant: string): Promise<StoredSession | undefined>;
  set(tenant: string, session: StoredSession): Promise<void>;
  delete(tenant: string): Promise<void>;
  /** Fires with the tenant whose stored session any window of this profile changed. */
  readonly onDidChange: Event<string>;
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
