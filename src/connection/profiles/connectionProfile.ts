// A named connection to an NCX tenant, as the user declares it in the `connections` setting: its
// name (the tenant's name everywhere the inspector shows a workitem: tree, panel, links, history),
// login URL, how the token is sent, a colour and whether it is protected. The token is never here:
// it lives in SecretStorage under the connection's own key. No `vscode` import.
import * as z from '../../api/zodMini';
import { l10n } from '../../ui/l10n';
import type { Shown } from '../../model/format/shownText';
import { TENANT_COLORS } from '../tenantColor';
import { SANDBOX_TENANT, sameTenant } from '../tenantName';

/**
 * Letters, digits and `. _ - :` (a host with its port is a valid name): a name that reads the same
 * in a link's query, a secret's key, a tab title and a status bar, and can carry no markup there.
 */
const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/;

/** Names that mean something else already. */
const RESERVED_NAMES = [SANDBOX_TENANT, 'ncx'];

export const ConnectionProfileSchema = z.object({
  name: z.string().check(z.regex(NAME_PATTERN)),
  loginUrl: z.url({ protocol: /^https?$/ }),
  authScheme: z.optional(z.enum(['bearer', 'raw'])),
  color: z.optional(z.enum(TENANT_COLORS)),
  /** A live tenant is protected unless the user says otherwise. */
  protected: z.optional(z.boolean()),
});
export type ConnectionProfile = z.infer<typeof ConnectionProfileSchema>;

/** The named connections as the settings hold them, and which have a stored session. */
export interface ProfileHooks {
  list(): readonly ConnectionProfile[];
  save(profiles: readonly ConnectionProfile[]): Promise<void>;
  /** Whether a session is stored for the tenant (read from the keychain; no request). */
  hasSession(tenant: string): Promise<boolean>;
}

export interface ReadProfiles {
  profiles: ConnectionProfile[];
  /** One line per entry left out, for the log (the entry's index, never its content). */
  problems: string[];
}

/** Why a name cannot be a new connection's, or undefined when it can. */
export function nameProblem(name: string, taken: readonly ConnectionProfile[]): Shown | undefined {
  if (!NAME_PATTERN.test(name)) {
    return l10n.t('Use letters, digits and . _ - : (up to 63 characters), starting with a letter or digit.');
  }
  if (RESERVED_NAMES.some((reserved) => sameTenant(reserved, name))) {
    return l10n.t('"{0}" is reserved; choose another name.', name);
  }
  if (taken.some((profile) => sameTenant(profile.name, name))) {
    return l10n.t('A connection named {0} exists already.', name);
  }
  return undefined;
}

/** Whether a tenant is protected: its connection's own choice, else the `ncx.protected` setting. */
export function isProtectedProfile(profile: ConnectionProfile | undefined, protectedByDefault: boolean): boolean {
  return profile?.protected ?? protectedByDefault;
}

export function findProfile(profiles: readonly ConnectionProfile[], name: string | undefined): ConnectionProfile | undefined {
  return name === undefined ? undefined : profiles.find((profile) => sameTenant(profile.name, name));
}

/**
 * The connections of the setting: entries that are not valid, or repeat a name, are left out (and
 * said), never guessed at: a misspelt login URL must not receive a password.
 */
export function readProfiles(raw: unknown): ReadProfiles {
  const profiles: ConnectionProfile[] = [];
  const problems: string[] = [];
  const entries = Array.isArray(raw) ? raw : [];
  if (!Array.isArray(raw) && raw !== undefined) problems.push('the connections setting is not a list; no connection was read from it');
  entries.forEach((entry, index) => {
    const parsed = ConnectionProfileSchema.safeParse(entry);
    if (!parsed.success) {
      problems.push(`connection ${index + 1} left out: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'} is not valid`).join(', ')}`);
      return;
    }
    const problem = nameProblem(parsed.data.name, profiles);
    if (problem !== undefined) {
      problems.push(`connection ${index + 1} left out: ${problem}`);
      return;
    }
    profiles.push(parsed.data);
  });
  return { profiles, problems };
}

/** The profiles with `profile` added, or replacing the one of its name. */
export function withProfile(profiles: readonly ConnectionProfile[], profile: ConnectionProfile): ConnectionProfile[] {
  const index = profiles.findIndex((existing) => sameTenant(existing.name, profile.name));
  return index < 0 ? [...profiles, profile] : profiles.map((existing, at) => (at === index ? profile : existing));
}

export function withoutProfile(profiles: readonly ConnectionProfile[], name: string): ConnectionProfile[] {
  return profiles.filter((profile) => !sameTenant(profile.name, name));
}
