// The document around a panel's body: CSP, the stylesheet(s), the page's configuration, and the
// single script, loaded by nonce.
import { buildCsp } from './csp';
import { html, type SafeHtml } from './escape';

export interface PageAssets {
  nonce: string;
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri?: string;
}

export interface PageParts extends PageAssets {
  title: string;
  /** `lang` of the document (the display language), for screen readers and hyphenation. */
  lang: string;
  /** Read by the script with JSON.parse; lives in an attribute, so it is escaped like any text. */
  config: unknown;
  body: SafeHtml;
}

const NONCE_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

export function renderPage(parts: PageParts): string {
  // A nonce is ours, never data; refusing an odd one keeps the policy header well-formed.
  if (!NONCE_PATTERN.test(parts.nonce)) {
    throw new Error('The nonce must be base64 or base64url.');
  }
  const codicons = parts.codiconsUri !== undefined ? html`<link rel="stylesheet" href="${parts.codiconsUri}">` : undefined;
  return html`<!DOCTYPE html>
<html lang="${parts.lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${buildCsp(parts)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${parts.styleUri}">
${codicons}
<title>${parts.title}</title>
</head>
<body data-config="${JSON.stringify(parts.config)}">
${parts.body}
<script nonce="${parts.nonce}" src="${parts.scriptUri}"></script>
</body>
</html>
`.value;
}
