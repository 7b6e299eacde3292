// VS Code's proxy and certificate settings, and ours, turned into what the transport needs. VS
// Code's own proxy layer would swap our keep-alive agent for one that closes every connection
// (see src/api/transport.ts), so the same settings are honoured here instead.
import type { TransportSettings } from '../api/transport';

export interface NetworkSettingValues {
  /** `http.proxy`. */
  proxy: unknown;
  /** `http.proxySupport`: off | on | fallback | override. */
  proxySupport: unknown;
  /** `http.noProxy`. */
  noProxy: unknown;
  /** `http.systemCertificates`. */
  systemCertificates: unknown;
  /** `workitemInspector.network.caFile`. */
  caFile: string;
  /** The process environment (HTTPS_PROXY, NO_PROXY...). */
  env: Readonly<Record<string, string | undefined>>;
}

export interface NetworkSettingsResult {
  settings: TransportSettings;
  /** Something a person should fix (an unreadable CA file); already in plain words. */
  problems: string[];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export function transportSettingsFrom(
  values: NetworkSettingValues,
  readFile: (path: string) => string,
): NetworkSettingsResult {
  const problems: string[] = [];
  const support = typeof values.proxySupport === 'string' ? values.proxySupport : 'override';
  const env = values.env;
  const explicit = typeof values.proxy === 'string' ? values.proxy.trim() : '';
  const fromEnv = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy ?? '';
  const proxy = support === 'off' ? '' : explicit || fromEnv.trim();
  const envNoProxy = (env.NO_PROXY ?? env.no_proxy ?? '').split(',');
  const noProxy = [...stringList(values.noProxy), ...envNoProxy].map((rule) => rule.trim()).filter(Boolean);
  const extraCa: string[] = [];
  if (values.caFile.trim() !== '') {
    try {
      const pem = readFile(values.caFile.trim());
      // Each certificate on its own: a bundle made with `cat` from files without a final newline
      // glues one's END line to the next one's BEGIN, which TLS would not read at all.
      const certificates = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
      if (certificates.length === 0) {
        problems.push(`The CA file ${values.caFile} holds no PEM certificate (-----BEGIN CERTIFICATE-----).`);
      } else {
        extraCa.push(...certificates.map((certificate) => `${certificate}\n`));
      }
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      problems.push(`The CA file ${values.caFile} cannot be read${typeof code === 'string' ? ` (${code})` : ''}.`);
    }
  }
  return {
    settings: {
      ...(proxy ? { proxy } : {}),
      noProxy,
      extraCa,
      systemCertificates: values.systemCertificates !== false,
    },
    problems,
  };
}
