// The named connections, from the palette, the status bar menu and the view: "Connect To…" (the
// sandbox or a tenant, signing in when it has no session yet), "Add Connection…", "Edit
// Connection…" and "Remove Connection…". The list lives in the `connections` setting (user scope),
// each tenant's token in SecretStorage under its own key.
import { hostOf } from '../connection/activeSession';
import { findProfile, isProtectedProfile, nameProblem, withoutProfile, withProfile, type ConnectionProfile, type ProfileHooks } from '../connection/profiles/connectionProfile';

export type { ProfileHooks } from '../connection/profiles/connectionProfile';
import { TENANT_COLORS, tenantColor, type TenantColor } from '../connection/tenantColor';
import { SANDBOX_TENANT, sameTenant, tenantName } from '../connection/tenantName';
import { connectionRows, type ConnectionRow, type ConnectionTarget } from '../connection/profiles/connectionRows';
import * as z from '../api/zodMini';
import { checkServerUrl } from '../connection/urlPolicy';
import { ours, shown, type Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';

/** Signs in to a named connection (asking user name and password), or by login URL without one. */
export type SignInTo = (tenant?: string) => Promise<unknown>;

type Target = ConnectionTarget | { kind: 'add' };

const ConnectionRowArgSchema = z.looseObject({
  target: z.union([z.object({ kind: z.literal('sandbox') }), z.object({ kind: z.literal('tenant'), name: z.string().check(z.minLength(1)) })]),
});

/**
 * The connection a command was run on: a row of the Connections view (a click, a context menu) or
 * a tenant's name (a link, the rejected-session notice); undefined from the palette.
 */
export function connectionTargetOf(arg: unknown): ConnectionTarget | undefined {
  if (typeof arg === 'string' && arg.length > 0) return { kind: 'tenant', name: arg };
  const row = ConnectionRowArgSchema.safeParse(arg);
  return row.success ? row.data.target : undefined;
}

/**
 * The connection a view command (Refresh, Filter…, Group By…) was run on, by its row: a tenant's
 * name or `sandbox`; undefined from the palette or the view's title, which mean the one in use.
 * A bare string is not a row: a link such as the welcome view's passes none.
 */
export function rowConnectionOf(arg: unknown): string | undefined {
  const target = typeof arg === 'string' ? undefined : connectionTargetOf(arg);
  return target === undefined ? undefined : target.kind === 'sandbox' ? SANDBOX_TENANT : target.name;
}

/** The named connection a command was run on, when it was run on one that exists. */
function profileOf(profiles: ProfileHooks, arg: unknown): ConnectionProfile | undefined {
  const target = connectionTargetOf(arg);
  return target?.kind === 'tenant' ? findProfile(profiles.list(), target.name) : undefined;
}

/** Every connection as it is now: the rows of the Connections view and of "Connect To…". */
export async function currentConnectionRows(ctx: CommandContext, profiles: ProfileHooks): Promise<ConnectionRow[]> {
  const list = profiles.list();
  const signedIn = await Promise.all(list.map(async (profile) => ((await profiles.hasSession(profile.name)) ? [profile.name] : [])));
  const settings = ctx.settings.get();
  return connectionRows({
    profiles: list,
    inUse: tenantName(ctx.connection.state),
    signedIn: new Set(signedIn.flat()),
    protectedByDefault: settings['ncx.protected'],
    authSchemeByDefault: settings['ncx.authScheme'],
  });
}

async function pickProfile(ctx: CommandContext, profiles: ProfileHooks, title: Shown): Promise<ConnectionProfile | undefined> {
  const list = profiles.list();
  if (list.length === 0) {
    void ctx.ui.info(l10n.t('There are no named connections yet. Run "Add Connection…" first.'));
    return undefined;
  }
  return ctx.ui.pick(
    list.map((profile) => ({ label: shown(profile.name), description: shown(hostOf(profile.loginUrl) ?? profile.loginUrl), value: profile })),
    { title, placeholder: l10n.t('Choose a connection') },
  );
}

/**
 * Reaches a tenant by name (a link's, a history entry's): its stored session when it has one,
 * otherwise a sign-in (to the named connection, or by login URL when the name is unknown).
 */
export function reachTenant(ctx: CommandContext, profiles: ProfileHooks, signIn: SignInTo): SignInTo {
  return async (tenant) => {
    const profile = findProfile(profiles.list(), tenant);
    if (profile && (await profiles.hasSession(profile.name))) {
      await ctx.connection.useTenant(profile.name);
      return;
    }
    await signIn(profile?.name);
  };
}

export function connectToCommand(ctx: CommandContext, profiles: ProfileHooks, signIn: SignInTo, add: CommandHandler): CommandHandler {
  return async (arg?: unknown) => {
    const given = connectionTargetOf(arg);
    if (given !== undefined) {
      await connect(ctx, profiles, signIn, given);
      return;
    }
    const items = currentConnectionRows(ctx, profiles).then((rows): Array<PickItem<Target>> => [
      // The one in use is ticked; row labels and descriptions are Shown already.
      ...rows.map((row) => ({
        label: ours(`${row.inUse ? '$(check) ' : ''}$(${row.target.kind === 'sandbox' ? 'beaker' : 'cloud'}) ${row.label}`),
        ...(row.host ? { description: row.host } : {}),
        ...(row.description ? { detail: row.description } : {}),
        value: row.target,
      })),
      { label: ours(`$(add) ${l10n.t('Add Connection…')}`), value: { kind: 'add' } },
    ]);
    const target = await ctx.ui.pick(items, { title: l10n.t('Connect To'), placeholder: l10n.t('The sandbox or a named NCX tenant') });
    if (target === undefined) return;
    if (target.kind === 'add') {
      await add();
      return;
    }
    await connect(ctx, profiles, signIn, target);
  };
}

/** The sandbox, or a tenant with its stored session (signing in first when it has none). */
async function connect(ctx: CommandContext, profiles: ProfileHooks, signIn: SignInTo, target: ConnectionTarget): Promise<void> {
  if (target.kind === 'sandbox') {
    await ctx.connection.useSandbox();
    return;
  }
  if (findProfile(profiles.list(), target.name) === undefined) {
    void ctx.ui.warn(l10n.t('There is no connection named {0}.', target.name));
    return;
  }
  if (await profiles.hasSession(target.name)) {
    await ctx.connection.useTenant(target.name);
    return;
  }
  await signIn(target.name);
}

export function addConnectionCommand(ctx: CommandContext, profiles: ProfileHooks, signIn: SignInTo): CommandHandler {
  return async () => {
    const name = await ctx.ui.input({
      title: l10n.t('Add Connection (1/3)'),
      prompt: l10n.t('A name for the tenant, shown on its workitems, panels and links'),
      placeholder: ours('acme-prod'),
      validate: (value) => nameProblem(value.trim(), profiles.list()),
    });
    if (name === undefined || nameProblem(name.trim(), profiles.list()) !== undefined) return;
    const allowInsecureHttp = ctx.settings.get()['ncx.allowInsecureHttp'];
    const loginUrl = await ctx.ui.input({
      title: l10n.t('Add Connection (2/3)'),
      prompt: l10n.t('Login URL of {0}', name.trim()),
      placeholder: ours('https://login.example.com'),
      value: 'https://',
      validate: (value) => {
        const check = checkServerUrl(value, allowInsecureHttp);
        return check.ok ? undefined : check.reason;
      },
    });
    if (loginUrl === undefined || !checkServerUrl(loginUrl, allowInsecureHttp).ok) return;
    const protect = await ctx.ui.pick(
      [
        { label: ours(`$(lock) ${l10n.t('Protected')}`), detail: l10n.t('Read-only until actions are allowed for a while (recommended for production)'), value: true },
        { label: ours(`$(unlock) ${l10n.t('Not protected')}`), detail: l10n.t('Actions allowed at once (a test tenant)'), value: false },
      ],
      { title: l10n.t('Add Connection (3/3)'), placeholder: l10n.t('Protect {0}?', name.trim()) },
    );
    if (protect === undefined) return;
    const profile: ConnectionProfile = { name: name.trim(), loginUrl: loginUrl.trim(), protected: protect };
    await profiles.save(withProfile(profiles.list(), profile));
    const signInNow = l10n.t('Sign In…');
    if ((await ctx.ui.info(l10n.t('Added the connection {0}.', profile.name), signInNow)) === signInNow) {
      await signIn(profile.name);
    }
  };
}

type EditChoice = 'loginUrl' | 'color' | 'protection' | 'authScheme';

export function editConnectionCommand(ctx: CommandContext, profiles: ProfileHooks): CommandHandler {
  return async (arg?: unknown) => {
    const profile = profileOf(profiles, arg) ?? (await pickProfile(ctx, profiles, l10n.t('Edit Connection')));
    if (profile === undefined) return;
    const choice = await ctx.ui.pick<EditChoice>(
      [
        { label: l10n.t('Login URL…'), description: shown(profile.loginUrl), value: 'loginUrl' },
        { label: l10n.t('Colour…'), description: ours(tenantColor(profile.name, false, profile.color)), value: 'color' },
        { label: l10n.t('Protection…'), description: isProtectedProfile(profile, ctx.settings.get()['ncx.protected']) ? l10n.t('protected') : l10n.t('actions allowed'), value: 'protection' },
        { label: l10n.t('Token Scheme…'), description: ours(profile.authScheme ?? ctx.settings.get()['ncx.authScheme']), value: 'authScheme' },
      ],
      { title: l10n.t('Edit {0}', profile.name) },
    );
    if (choice === undefined) return;
    const edited = await editField(ctx, profile, choice);
    if (edited === undefined) return;
    // Read the list again: the pick may have been open while another window changed it.
    if (findProfile(profiles.list(), profile.name) === undefined) {
      void ctx.ui.warn(l10n.t('{0} was removed meanwhile; nothing was changed.', profile.name));
      return;
    }
    await profiles.save(withProfile(profiles.list(), edited));
  };
}

async function editField(ctx: CommandContext, profile: ConnectionProfile, choice: EditChoice): Promise<ConnectionProfile | undefined> {
  switch (choice) {
    case 'loginUrl': {
      const allowInsecureHttp = ctx.settings.get()['ncx.allowInsecureHttp'];
      const loginUrl = await ctx.ui.input({
        title: l10n.t('Login URL of {0}', profile.name),
        value: profile.loginUrl,
        validate: (value) => {
          const check = checkServerUrl(value, allowInsecureHttp);
          return check.ok ? undefined : check.reason;
        },
      });
      return loginUrl === undefined || !checkServerUrl(loginUrl, allowInsecureHttp).ok ? undefined : { ...profile, loginUrl: loginUrl.trim() };
    }
    case 'color': {
      const color = await ctx.ui.pick<TenantColor>(
        TENANT_COLORS.map((option) => ({ label: ours(option), ...(option === 'green' ? { detail: l10n.t("The sandbox's colour") } : {}), value: option })),
        { title: l10n.t('Colour of {0}', profile.name) },
      );
      return color === undefined ? undefined : { ...profile, color };
    }
    case 'protection': {
      const protect = await ctx.ui.pick(
        [
          { label: ours(`$(lock) ${l10n.t('Protected')}`), value: true },
          { label: ours(`$(unlock) ${l10n.t('Not protected')}`), value: false },
        ],
        { title: l10n.t('Protect {0}?', profile.name) },
      );
      return protect === undefined ? undefined : { ...profile, protected: protect };
    }
    case 'authScheme': {
      const authScheme = await ctx.ui.pick<'bearer' | 'raw'>(
        [
          { label: ours('bearer'), detail: l10n.t('Authorization: Bearer <token>, as the published API reference says'), value: 'bearer' },
          { label: ours('raw'), detail: l10n.t('The raw token in Authorization, as live NCX clients send it'), value: 'raw' },
        ],
        { title: l10n.t('How {0} receives its token', profile.name) },
      );
      return authScheme === undefined ? undefined : { ...profile, authScheme };
    }
  }
}

export function removeConnectionCommand(ctx: CommandContext, profiles: ProfileHooks): CommandHandler {
  return async (arg?: unknown) => {
    const profile = profileOf(profiles, arg) ?? (await pickProfile(ctx, profiles, l10n.t('Remove Connection')));
    if (profile === undefined) return;
    const remove = l10n.t('Remove {0}', profile.name);
    const confirmed = await ctx.ui.confirm(
      l10n.t('Remove the connection {0}?', profile.name),
      l10n.t('Its stored session is deleted from this machine; nothing changes on the tenant. Other connections are not touched.'),
      remove,
    );
    if (!confirmed) return;
    const wasCurrent = ctx.connection.state.mode === 'ncx' && sameTenant(profile.name, tenantName(ctx.connection.state));
    await ctx.connection.signOut(profile.name);
    await profiles.save(withoutProfile(profiles.list(), profile.name));
    if (wasCurrent) await ctx.connection.useSandbox();
    void ctx.ui.info(l10n.t('Removed the connection {0}.', profile.name));
  };
}
