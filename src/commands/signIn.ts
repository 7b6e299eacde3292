// "Sign In to NCX…": login URL (prefilled from `ncx.loginUrl`), user name, password. The password
// goes to the sign-in request only; the token that comes back is kept in SecretStorage by the
// connection.
import { isNcxError } from '../api/errors';
import { checkServerUrl } from '../connection/urlPolicy';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { ours, type Shown } from '../model/format/shownText';

function required(message: Shown): (value: string) => Shown | undefined {
  return (value) => (value.trim() === '' ? message : undefined);
}

export function signInCommand(ctx: CommandContext): CommandHandler {
  const signIn = async (): Promise<void> => {
    const settings = ctx.settings.get();
    const allowInsecureHttp = settings['ncx.allowInsecureHttp'];
    const state = ctx.connection.state;
    const loginUrl = await ctx.ui.input({
      title: l10n.t('Sign In to NCX (1/3)'),
      prompt: l10n.t('Login URL of your NCX tenant'),
      placeholder: ours('https://login.example.com'),
      value: settings['ncx.loginUrl'] || 'https://',
      validate: (value) => {
        const check = checkServerUrl(value, allowInsecureHttp);
        return check.ok ? undefined : check.reason;
      },
    });
    if (loginUrl === undefined) {
      return;
    }
    const login = checkServerUrl(loginUrl, allowInsecureHttp);
    if (!login.ok) {
      void ctx.ui.error(login.reason);
      return;
    }
    const username = await ctx.ui.input({
      title: l10n.t('Sign In to NCX (2/3)'),
      prompt: l10n.t('User name at {0}', login.url.host),
      value: state.mode === 'ncx' ? state.username : undefined,
      validate: required(l10n.t('Type your user name.')),
    });
    if (username === undefined || username.trim() === '') {
      return;
    }
    const password = await ctx.ui.input({
      title: l10n.t('Sign In to NCX (3/3)'),
      prompt: l10n.t('Password of {0}', username.trim()),
      password: true,
      validate: required(l10n.t('Type your password.')),
    });
    if (password === undefined || password === '') {
      return;
    }
    try {
      const signedIn = await ctx.ui.withProgress(l10n.t('Signing in to {0}…', login.url.host), () =>
        ctx.connection.signIn({ loginUrl, username: username.trim(), password }),
      );
      void ctx.ui.info(l10n.t('Signed in to {0} as {1}.', signedIn.host ?? login.url.host, signedIn.username ?? username));
    } catch (error) {
      if (isNcxError(error) && error.kind === 'unauthorized') {
        const again = l10n.t('Try Again');
        const answer = await ctx.ui.error(l10n.t('{0} did not accept the user name or password.', login.url.host), again);
        if (answer === again) {
          await signIn();
        }
        return;
      }
      throw error;
    }
  };
  return signIn;
}
