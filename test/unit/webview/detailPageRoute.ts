// Serves a detail page to headless Chromium the way a webview would load it: the page at
// `${origin}/index.html` and its script and style from the repository's media/ folder.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';

export const DETAIL_PAGE_ORIGIN = 'https://webview.test';
const MEDIA = path.resolve(__dirname, '../../../../media');

export async function routeDetailPage(page: Page, html: string): Promise<void> {
  await page.route(`${DETAIL_PAGE_ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname === '/index.html') {
      await route.fulfill({ status: 200, contentType: 'text/html', body: html });
    } else if (url.pathname.startsWith('/media/')) {
      const file = path.join(MEDIA, path.basename(url.pathname));
      await route.fulfill({ status: 200, contentType: file.endsWith('.js') ? 'text/javascript' : 'text/css', body: fs.readFileSync(file) });
    } else {
      await route.fulfill({ status: 404, body: '' });
    }
  });
}
