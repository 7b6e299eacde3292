// The extension's settings: names, defaults and validation in one place (package.json declares the
// same keys with titles and descriptions; values read from VS Code always pass through this schema).
import { z } from 'zod';

export const SETTINGS_SECTION = 'workitemInspector';

export const GROUP_BY_MODES = ['stateChannel', 'channelState', 'state', 'channel', 'none'] as const;
export type GroupByMode = (typeof GROUP_BY_MODES)[number];

export const SettingsSchema = z.object({
  /** `sandbox`: the embedded local NCX sandbox; `ncx`: a real NCX location after "Sign In". */
  'connection.mode': z.enum(['sandbox', 'ncx']).catch('sandbox'),
  /** Login host for "Sign In to NCX…"; application scope so a workspace cannot redirect the token. */
  'ncx.loginUrl': z.string().catch(''),
  /** Live NCX clients send the raw token; `bearer` follows the published spec. */
  'ncx.authScheme': z.enum(['bearer', 'raw']).catch('bearer'),
  /** Allow plain http:// to a non-loopback host (never from a workspace). */
  'ncx.allowInsecureHttp': z.boolean().catch(false),
  'sandbox.size': z.number().int().min(0).max(1_000_000).catch(5000),
  'sandbox.traffic': z.boolean().catch(true),
  'tree.groupBy': z.enum(GROUP_BY_MODES).catch('stateChannel'),
  'tree.pageSize': z.number().int().min(10).max(1000).catch(100),
  /** 0 turns auto-refresh off; it only runs while the view is visible. */
  refreshIntervalSeconds: z.number().min(0).max(3600).catch(10),
  requestTimeoutSeconds: z.number().min(1).max(300).catch(15),
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
