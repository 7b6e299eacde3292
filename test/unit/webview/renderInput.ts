// Inputs for renderDetailHtml as the panel manager would build them, with fixed time and zone.
import type { Workitem } from '../../../src/api/schemas';
import type { DetailHtmlInput } from '../../../src/webviews/detailHtml';
import { T0 } from './fixtures/workitems';

export const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
export const SCRIPT_URI = `${CSP_SOURCE}/ext/media/detail.js`;
export const STYLE_URI = `${CSP_SOURCE}/ext/media/detail.css`;

export function renderInput(workitem: Workitem, overrides: Partial<DetailHtmlInput> = {}): DetailHtmlInput {
  return {
    workitem,
    issues: [],
    permissions: ['workitems:read', 'workitems:write'],
    now: T0 + 10 * 60_000,
    nonce: 'bm9uY2UtZm9yLXRlc3Rz',
    cspSource: CSP_SOURCE,
    scriptUri: SCRIPT_URI,
    styleUri: STYLE_URI,
    time: { locale: 'en-US', timeZone: 'UTC' },
    ...overrides,
  };
}
