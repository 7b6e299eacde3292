// The panel's Content-Security-Policy: nothing is allowed unless listed; the one script runs by
// nonce, styles, images and fonts come only from the extension's own files.

export interface CspSources {
  nonce: string;
  /** `webview.cspSource`: the origin VS Code serves `asWebviewUri` resources from. */
  cspSource: string;
}

export function buildCsp({ nonce, cspSource }: CspSources): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource}`,
    `font-src ${cspSource}`,
    // Recordings only, handed over as data: URIs (the page never reaches the network).
    'media-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
