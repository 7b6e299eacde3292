// The extension's settings: names, defaults and validation in one place (package.json declares the
// same keys with titles and descriptions; values read from VS Code always pass through this schema).
import * as z from '../api/zodMini';

export const SETTINGS_SECTION = 'workitemInspector';

export const GROUP_BY_MODES = ['stateChannel', 'channelState', 'state', 'channel', 'none'] as const;
export type GroupByMode = (typeof GROUP_BY_MODES)[number];

/** How rows are ordered within a group; `longestWaiting` is oldest first (`createdAt asc`). */
export const TREE_SORTS = ['newest', 'longestWaiting'] as const;
export type TreeSort = (typeof TREE_SORTS)[number];

export const SettingsSchema = z.object({
  /** `sandbox`: the embedded local NCX sandbox; `ncx`: a real NCX location after "Sign In". */
  'connection.mode': z.catch(z.enum(['sandbox', 'ncx']), 'sandbox'),
  /** The named connection used in `ncx` mode (one of `connections`). */
  'connection.tenant': z.catch(z.string(), ''),
  /**
   * Named NCX connections (name, login URL, auth scheme, colour, protected); each entry is checked
   * by readProfiles (src/connection/profiles), which leaves out an invalid one and says so.
   */
  connections: z.catch(z.array(z.unknown()), []),
  /** Login host for "Sign In to NCX…"; application scope so a workspace cannot redirect the token. */
  'ncx.loginUrl': z.catch(z.string(), ''),
  /** Live NCX clients send the raw token; `bearer` follows the published spec. */
  'ncx.authScheme': z.catch(z.enum(['bearer', 'raw']), 'bearer'),
  /** Allow plain http:// to a non-loopback host (never from a workspace). */
  'ncx.allowInsecureHttp': z.catch(z.boolean(), false),
  /** A signed-in NCX tenant is read-only until actions are allowed for a while (never the sandbox). */
  'ncx.protected': z.catch(z.boolean(), true),
  'sandbox.size': z.catch(z.number().check(z.int(), z.gte(0), z.lte(1_000_000)), 5000),
  'sandbox.traffic': z.catch(z.boolean(), true),
  'tree.groupBy': z.catch(z.enum(GROUP_BY_MODES), 'stateChannel'),
  'tree.pageSize': z.catch(z.number().check(z.int(), z.gte(10), z.lte(1000)), 100),
  /** Refreshes read what changed (the change feed) instead of re-counting; false always re-counts. */
  'tree.changeFeed': z.catch(z.boolean(), true),
  /** Rows within a group: newest first, or longest waiting (oldest) first. */
  'tree.sortBy': z.catch(z.enum(TREE_SORTS), 'newest'),
  /** 0 turns auto-refresh off; it only runs while the view is visible. */
  refreshIntervalSeconds: z.catch(z.number().check(z.gte(0), z.lte(3600)), 10),
  requestTimeoutSeconds: z.catch(z.number().check(z.gte(1), z.lte(300)), 15),
  /** PEM file of a CA to trust besides the defaults (a tenant's TLS-inspecting gateway); application scope. */
  'network.caFile': z.catch(z.string(), ''),
  /** Live changes over the server's events socket (the change feed when it has none); off: polling only. */
  'live.events': z.catch(z.boolean(), true),
  /** Changes the Events view keeps (a ring: the oldest goes first). */
  'events.ringSize': z.catch(z.number().check(z.int(), z.gte(50), z.lte(100_000)), 2000),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type SettingKey = keyof Settings;

export const SETTING_KEYS = Object.keys(SettingsSchema.shape) as SettingKey[];

/** Parses raw values (e.g. from `workspace.getConfiguration`) into valid settings, falling back to defaults. */
export function parseSettings(read: (key: SettingKey) => unknown): Settings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    raw[key] = read(key);
  }
  return SettingsSchema.parse(raw);
}
