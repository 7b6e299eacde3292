import * as assert from 'assert';
import { TENANT_COLORS, tenantColor } from '../../../src/connection/tenantColor';
import { panelTitle } from '../../../src/webviews/panelTitle';
import { renderDetailHtml } from '../../../src/webviews/detailHtml';
import { heldAndRetrievedCall } from '../webview/fixtures/workitems';
import { renderInput } from '../webview/renderInput';

describe('a tenant shown with its workitems', () => {
  it('gives the sandbox its own colour, never a live tenant, and a live tenant the same colour each time', () => {
    assert.strictEqual(tenantColor('sandbox', true), 'green');
    const hosts = ['acme.thrio.io', 'globex.thrio.io', 'initech.ncx.example', 'umbrella.nextiva.example', 'a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const colors = hosts.map((host) => tenantColor(host, false));
    assert.ok(!colors.includes('green'), `live tenants: ${colors.join(', ')}`);
    assert.ok(colors.every((color) => TENANT_COLORS.includes(color)));
    assert.ok(new Set(colors).size >= 3, 'tenants are told apart by colour');
    assert.deepStrictEqual(hosts.map((host) => tenantColor(host.toUpperCase(), false)), colors, 'names compare without case, as hosts do');
  });

  it('titles a panel with the workitem and its tenant, neutralizing both', () => {
    assert.strictEqual(panelTitle('wi_1', 'acme.thrio.io'), 'wi_1 · acme.thrio.io');
    assert.strictEqual(panelTitle('wi_1', undefined), 'wi_1');
    const hostile = panelTitle('$(terminal)', '[x](command:workbench.action.terminal.new)');
    assert.ok(!hostile.includes('$(terminal)'), hostile);
    assert.ok(!hostile.includes(']('), hostile);
  });

  it('escapes a hostile tenant name in the header badge', () => {
    const html = renderDetailHtml({
      ...renderInput(heldAndRetrievedCall()),
      status: { tenant: { name: '<img src=x onerror=alert(1)>', color: 'red' } },
    });
    assert.match(html, /id="tenant"[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/span>/);
    assert.ok(!html.includes('<img src=x'));
  });
});
