import * as assert from 'node:assert/strict';
import { sameTenant, tenantName } from '../../../src/connection/tenantName';
import { buildWorkitemLink, parseLinkParts, parseWorkitemLink } from '../../../src/links/workitemLink';

const TARGET = { scheme: 'vscode', authority: 'workitem-inspector.workitem-inspector' };

describe('workitem links', () => {
  it('builds the documented link and parses it back', () => {
    const text = buildWorkitemLink(TARGET, { tenant: 'sandbox', id: 'wi_20001' });
    assert.equal(text, 'vscode://workitem-inspector.workitem-inspector/open?tenant=sandbox&id=wi_20001');
    assert.deepEqual(parseWorkitemLink(text, TARGET.authority), { ok: true, link: { tenant: 'sandbox', id: 'wi_20001' } });
  });

  it('round-trips hosts with ports and ids with dashes, dots and colons', () => {
    for (const link of [
      { tenant: 'acme.thrio.io', id: '65f1c0ffee0123456789abcd' },
      { tenant: '127.0.0.1:7357', id: 'wi-2026.12:1' },
    ]) {
      const text = buildWorkitemLink({ scheme: 'vscode-insiders', authority: TARGET.authority }, link);
      assert.deepEqual(parseWorkitemLink(text, TARGET.authority), { ok: true, link });
    }
  });

  it('refuses a malformed tenant or id with a reason', () => {
    const cases: Array<[string, RegExp]> = [
      ['tenant=&id=wi_1', /tenant/],
      ['tenant=acme%20prod&id=wi_1', /tenant/],
      ['tenant=sandbox&id=wi_1%0Aevil', /id/],
      ['tenant=sandbox&id=..%2F..%2Fetc', /id/],
      ['tenant=sandbox&id=[x](command:workbench.action.quit)', /id/],
      ['tenant=sandbox', /no id/],
      ['id=wi_1', /no tenant/],
      ['tenant=sandbox&tenant=acme.thrio.io&id=wi_1', /2 values of tenant/],
      [`tenant=sandbox&id=${'a'.repeat(201)}`, /id/],
    ];
    for (const [query, problem] of cases) {
      const parsed = parseLinkParts('/open', query);
      assert.equal(parsed.ok, false, query);
      assert.match(parsed.ok ? '' : parsed.problem, problem, query);
    }
  });

  it('refuses another path, another extension, and text that is not a link', () => {
    assert.match(JSON.stringify(parseLinkParts('/delete', 'tenant=sandbox&id=wi_1')), /not \/open/);
    assert.match(JSON.stringify(parseWorkitemLink('vscode://other.ext/open?tenant=sandbox&id=wi_1', TARGET.authority)), /other\.ext/);
    assert.equal(parseWorkitemLink('wi_1', TARGET.authority).ok, false);
    assert.equal(parseWorkitemLink('vscode://Workitem-Inspector.Workitem-Inspector/open?tenant=sandbox&id=wi_1', TARGET.authority).ok, true);
  });

  it('names the sandbox and NCX tenants, comparing hosts without case', () => {
    assert.equal(tenantName({ mode: 'sandbox', host: '127.0.0.1:4000' }), 'sandbox');
    assert.equal(tenantName({ mode: 'ncx', host: 'Acme.Thrio.io' }), 'acme.thrio.io');
    assert.equal(tenantName({ mode: 'ncx' }), undefined);
    assert.ok(sameTenant('ACME.thrio.io', 'acme.thrio.io'));
    assert.ok(!sameTenant('sandbox', undefined));
  });
});
