// "Sign In to NCX…": a named connection (or a login URL, which becomes one), then user name and
// password. The password goes to the sign-in request only; the token that comes back is kept in
// SecretStorage, under that tenant's own key, by the connection.
import { isNcxError } from '../api/errors';
import { hostOf } from '../connection/activeSession';
import { findProfile, type ConnectionProfile } from '../connection/profiles/connectionProfile';
import { checkServerUrl } from '../connection/urlPolicy';
import { sameTenant } from '../connection/tenantName';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { connectionTargetOf } from './connections';
import { ours, shown, type Shown } from '../model/format/shownText';

function required(message: Shown): (value: string) => Shown | undefined {
  return (value) => (value.trim() === '' ? message : undefined);
}

/** Where to sign in: a named connection, or a login URL typed now (`undefined`: dismissed). */
type Place = { profile: ConnectionProfile } | { loginUrl: string };

export function signInCommand(ctx: CommandContext): CommandHandler {
  const choosePlace = async (requested: unknown): Promise<Place | undefined> => {
    const profiles = ctx.profiles?.list() ?? [];
    const target = connectionTargetOf(requested);
    const named = target?.kind === 'tenant' ? findProfile(profiles, target.name) : undefined;
    if (named) return { profile: named };
    if (profiles.length > 0) {
      const current = ctx.connection.state.tenant;
      const ordered = [...profiles].sort((a, b) => Number(sameTenant(b.name, current)) - Number(sameTenant(a.name, current)));
      const choice = await ctx.ui.pick<ConnectionProfile | 'url'>(
        [
          ...ordered.map((profile) => ({ label: ours(`$(cloud) ${shown(profile.name)}`), description: shown(hostOf(profile.loginUrl) ?? profile.loginUrl), value: profile })),
          { label: ours(`$(globe) ${l10n.t('Another Login URL…')}`), value: 'url' as const },
        ],
        { title: l10n.t('Sign In to NCX'), placeholder: l10n.t('Choose the tenant to sign in to') },
      );
      if (choice === undefined) return undefined;
      if (choice !== 'url') return { profile: choice };
    }
    const allowInsecureHttp = ctx.settings.get()['ncx.allowInsecureHttp'];
    const loginUrl = await ctx.ui.input({
      title: l10n.t('Sign In to NCX (1/3)'),
      prompt: l10n.t('Login URL of your NCX tenant'),
      placeholder: ours('https://login.example.com'),
      value: ctx.settings.get()['ncx.loginUrl'] || 'https://',
      validate: (value) => {
        const check = checkServerUrl(value, allowInsecureHttp);
        return check.ok ? undefined : check.reason;
      },
    });
    if (loginUrl === undefined) {
      return undefined;
    }
    const login = checkServerUrl(loginUrl, allowInsecureHttp);
    if (!login.ok) {
      void ctx.ui.error(login.reason);
      return undefined;
    }
    return { loginUrl };
  };

  const signIn = async (requested?: unknown): Promise<void> => {
    const place = await choosePlace(requested);
    if (place === undefined) return;
    const loginUrl = 'profile' in place ? place.profile.loginUrl : place.loginUrl;
    const host = hostOf(loginUrl) ?? loginUrl;
    const where = 'profile' in place ? place.profile.name : host;
    const step = (n: number): Shown => ('profile' in place ? l10n.t('Sign In to {0} ({1}/2)', where, n - 1) : l10n.t('Sign In to NCX ({0}/3)', n));
    const state = ctx.connection.state;
    const username = await ctx.ui.input({
      title: step(2),
      prompt: l10n.t('User name at {0}', where),
      value: state.mode === 'ncx' ? state.username : undefined,
      validate: required(l10n.t('Type your user name.')),
    });
    if (username === undefined || username.trim() === '') {
      return;
    }
    const password = await ctx.ui.input({
      title: step(3),
      prompt: l10n.t('Password of {0}', username.trim()),
      password: true,
      validate: required(l10n.t('Type your password.')),
    });
    if (password === undefined || password === '') {
      return;
    }
    try {
      const request = { loginUrl, username: username.trim(), password, ...('profile' in place ? { tenant: place.profile.name } : {}) };
      const signedIn = await ctx.ui.withProgress(l10n.t('Signing in to {0}…', where), () => ctx.connection.signIn(request));
      void ctx.ui.info(l10n.t('Signed in to {0} as {1}.', signedIn.tenant ?? signedIn.host ?? host, signedIn.username ?? username));
    } catch (error) {
      if (isNcxError(error) && error.kind === 'unauthorized') {
        const again = l10n.t('Try Again');
        const answer = await ctx.ui.error(l10n.t('{0} did not accept the user name or password.', where), again);
        if (answer === again) {
          await signIn('profile' in place ? place.profile.name : undefined);
        }
        return;
      }
      throw error;
    }
  };
  return signIn;
}
