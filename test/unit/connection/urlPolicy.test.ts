import * as assert from 'node:assert/strict';
import { checkServerUrl, isLoopbackHost } from '../../../src/connection/urlPolicy';

describe('where credentials may be sent', () => {
  it('refuses plain http:// to another machine, saying how to proceed', () => {
    const check = checkServerUrl('http://login.example.com', false);
    assert.equal(check.ok, false);
    assert.match(check.ok ? '' : check.reason, /plain http:\/\/ to login\.example\.com/);
    assert.match(check.ok ? '' : check.reason, /workitemInspector\.ncx\.allowInsecureHttp/);
  });

  it('allows plain http:// to another machine only when the user opted in', () => {
    assert.equal(checkServerUrl('http://ncx.lab.internal:8080', true).ok, true);
  });

  it('allows https:// anywhere and http:// to this machine (the sandbox)', () => {
    assert.equal(checkServerUrl('https://login.example.com', false).ok, true);
    for (const local of ['http://127.0.0.1:7357', 'http://localhost:3000', 'http://[::1]:8080', 'http://127.1.2.3']) {
      assert.equal(checkServerUrl(local, false).ok, true, local);
    }
  });

  it('does not take a look-alike host for loopback', () => {
    assert.equal(isLoopbackHost('127.0.0.1.example.com'), false);
    assert.equal(isLoopbackHost('localhost.example.com'), false);
    assert.equal(isLoopbackHost('127.0.0.300'), false);
    assert.equal(checkServerUrl('http://127.0.0.1.example.com', false).ok, false);
  });

  it('refuses what is not an http(s) URL, and credentials written into the URL', () => {
    assert.equal(checkServerUrl('login.example.com', false).ok, false);
    assert.equal(checkServerUrl('ftp://login.example.com', false).ok, false);
    const withPassword = checkServerUrl('https://jason:secret@login.example.com', false);
    assert.equal(withPassword.ok, false);
    assert.doesNotMatch(withPassword.ok ? '' : withPassword.reason, /secret/);
  });
});
