// Where a token may be sent. A token over plain http:// to another machine can be read by anyone
// on the path, so that is refused unless the user opted in (`ncx.allowInsecureHttp`, which
// package.json keeps out of workspace settings so a checked-out repository cannot opt in for them).
import type { Shown } from '../model/format/shownText';
import { l10n } from '../ui/l10n';

/**
 * `raw` without any `user:password@` part: in each run of characters between spaces and slashes,
 * what ends with the last `@` is dropped. Linear, unlike `/[^\s/@]*@/g`, which rescans the rest of a
 * long run from each of its characters.
 */
function withoutUserInfo(raw: string): string {
  return raw
    .split(/([\s/])/)
    .map((part) => part.slice(part.lastIndexOf('@') + 1))
    .join('');
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; reason: Shown };

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') {
    return true;
  }
  const ipv4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return ipv4 !== null && ipv4.slice(1).every((part) => Number(part) <= 255);
}

/** Checks a login URL or a `location` the server returned before any credential goes to it. */
export function checkServerUrl(raw: string, allowInsecureHttp: boolean): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    // Quoted without any `user:password@`, which the user may have typed into the URL.
    const shown = withoutUserInfo(raw);
    return { ok: false, reason: l10n.t('"{0}" is not a URL (expected e.g. https://login.example.com).', shown) };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, reason: l10n.t('{0} is not an http(s) URL.', url.protocol) };
  }
  if (url.username || url.password) {
    return { ok: false, reason: l10n.t('Put the user name and password in the sign-in prompts, not in the URL.') };
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname) && !allowInsecureHttp) {
    return {
      ok: false,
      reason: l10n.t(
        'Refusing to send credentials over plain http:// to {0}. Use https://, or enable the setting "workitemInspector.ncx.allowInsecureHttp".',
        url.host,
      ),
    };
  }
  return { ok: true, url };
}
