// The single-connection versions kept one NCX session under one secret key and a login URL in
// `ncx.loginUrl`. On the first start with named connections both carry over, nothing lost: the
// session becomes a named connection's (named after the host it answered from, the name its links,
// action history and watches already use), and stays the one in use. Runs once per profile.
import type { Settings, SettingKey } from '../../config/settings';
import type { SecretAwareLog } from '../../log/redactingLog';
import { hostOf, messageOf } from '../activeSession';
import { LEGACY_SESSION_SECRET_KEY } from '../secretSessionStore';
import { parseStoredSession, type SessionStore, type StoredSession } from '../sessionStore';
import { findProfile, nameProblem, readProfiles, withProfile, type ConnectionProfile } from './connectionProfile';

/** Set once the carry-over ran, so a connection removed later is not brought back from `ncx.loginUrl`. */
export const CARRIED_OVER_KEY = 'workitemInspector.connectionsCarriedOver';

export interface CarryOverPlan {
  /** The named connection to add (undefined when one of its name exists already). */
  add?: ConnectionProfile;
  /** The tenant the old session moves to. */
  tenant?: string;
  session?: StoredSession;
  /** Whether the carried-over connection becomes the one chosen (none was). */
  choose: boolean;
}

export interface LegacyState {
  session: StoredSession | undefined;
  settings: Pick<Settings, 'ncx.loginUrl' | 'connections' | 'connection.tenant'>;
}

/** What to carry over; undefined when there is nothing (a fresh install, or done already). */
export function planCarryOver(legacy: LegacyState): CarryOverPlan | undefined {
  const profiles = readProfiles(legacy.settings.connections).profiles;
  const choose = legacy.settings['connection.tenant'] === '';
  if (legacy.session) {
    const name = hostOf(legacy.session.location)?.toLowerCase();
    if (name === undefined) return undefined;
    const known = findProfile(profiles, name);
    const usable = known !== undefined || nameProblem(name, profiles) === undefined;
    if (!usable) return undefined;
    return {
      ...(known ? {} : { add: { name, loginUrl: legacy.session.loginUrl } }),
      tenant: known?.name ?? name,
      session: legacy.session,
      choose,
    };
  }
  const loginUrl = legacy.settings['ncx.loginUrl'];
  const name = hostOf(loginUrl)?.toLowerCase();
  if (profiles.length > 0 || name === undefined || nameProblem(name, profiles) !== undefined) return undefined;
  return { add: { name, loginUrl }, choose };
}

export interface CarryOverDeps {
  /** SecretStorage (only the old key is read and deleted here). */
  secrets: { get(key: string): PromiseLike<string | undefined>; delete(key: string): PromiseLike<void> };
  sessions: SessionStore;
  settings(): Settings;
  write<K extends SettingKey>(key: K, value: Settings[K]): Promise<void>;
  memento: { get<T>(key: string): T | undefined; update(key: string, value: unknown): PromiseLike<void> };
  log: Pick<SecretAwareLog, 'info' | 'warn'>;
}

export async function carryOverSingleConnection(deps: CarryOverDeps): Promise<void> {
  const raw = await deps.secrets.get(LEGACY_SESSION_SECRET_KEY);
  if (raw === undefined && deps.memento.get<boolean>(CARRIED_OVER_KEY) === true) return;
  const plan = planCarryOver({ session: parseStoredSession(raw), settings: deps.settings() });
  if (plan) {
    try {
      if (plan.add) await deps.write('connections', withProfile(readProfiles(deps.settings().connections).profiles, plan.add));
      if (plan.tenant !== undefined && plan.session) {
        // A session the tenant's own key holds already is newer than the old one: it stays.
        if ((await deps.sessions.get(plan.tenant)) === undefined) await deps.sessions.set(plan.tenant, plan.session);
      }
      const chosen = plan.tenant ?? plan.add?.name;
      if (plan.choose && chosen !== undefined) await deps.write('connection.tenant', chosen);
      deps.log.info(`Carried the single NCX connection over to the named connection ${chosen ?? '?'}`);
    } catch (error) {
      // The old key stays, so the next start tries again.
      deps.log.warn(`Carrying the single NCX connection over failed: ${messageOf(error)}`);
      return;
    }
  }
  // Only once the session is under its tenant's key: until then the old key is the only copy.
  if (raw !== undefined) await deps.secrets.delete(LEGACY_SESSION_SECRET_KEY);
  await deps.memento.update(CARRIED_OVER_KEY, true);
}
