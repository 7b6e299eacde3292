// Where credentials may go, checked from the outside: the manifest keeps the server settings out
// of a workspace's reach and declares how it behaves in an untrusted one; no setting can hold a
// secret; and `checkServerUrl`, for any host, refuses plain http:// off this machine unless the
// user allowed it, and never repeats a password written into a URL.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { z } from 'zod';
import { parseSettings, SETTING_KEYS, SETTINGS_SECTION } from '../../../src/config/settings';
import { checkServerUrl } from '../../../src/connection/urlPolicy';

const ManifestSchema = z.looseObject({
  capabilities: z.looseObject({
    untrustedWorkspaces: z.looseObject({ supported: z.union([z.boolean(), z.literal('limited')]) }),
  }),
  contributes: z.looseObject({
    configuration: z.looseObject({
      properties: z.record(z.string(), z.looseObject({ scope: z.string(), type: z.string() })),
    }),
  }),
});

const manifest = ManifestSchema.parse(
  JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')),
);
const properties = manifest.contributes.configuration.properties;

/** Settings that decide where a credential is sent, or how. */
const SERVER_SETTINGS = ['connection.mode', 'connection.tenant', 'connections', 'ncx.loginUrl', 'ncx.authScheme', 'ncx.allowInsecureHttp'];

const PASSWORD = 'SECRET-MARKER-url-password';
const remoteHost = fc
  .domain()
  .filter((host) => !/(^|\.)localhost$/i.test(host) && !/^127\./.test(host));

describe('hardening: where credentials may be sent', () => {
  it('declares the server settings with application or machine scope, so no workspace can set them', () => {
    for (const key of SERVER_SETTINGS) {
      const declared = properties[`${SETTINGS_SECTION}.${key}`];
      assert.ok(declared, `${key} is declared`);
      assert.ok(['application', 'machine'].includes(declared.scope), `${key} has scope ${declared.scope}`);
    }
  });

  it('declares its support for untrusted workspaces, limiting every setting a workspace could abuse', () => {
    const { supported } = manifest.capabilities.untrustedWorkspaces;
    if (supported === 'limited') {
      const restricted = z.array(z.string()).parse(manifest.capabilities.untrustedWorkspaces['restrictedConfigurations']);
      for (const key of SERVER_SETTINGS) {
        assert.ok(restricted.includes(`${SETTINGS_SECTION}.${key}`), key);
      }
    } else {
      // Full support is only safe because a workspace cannot reach the server settings at all.
      assert.equal(supported, true);
      const workspaceReachable = SERVER_SETTINGS.filter((key) => !['application', 'machine'].includes(properties[`${SETTINGS_SECTION}.${key}`]?.scope ?? ''));
      assert.deepEqual(workspaceReachable, []);
    }
  });

  it('has no setting that could hold a secret, and reads nothing but its declared settings', () => {
    const secretLooking = Object.keys(properties).filter((key) => /token|password|secret|credential|authorization/i.test(key));
    assert.deepEqual(secretLooking, []);
    const read: string[] = [];
    const settings = parseSettings((key) => {
      read.push(key);
      return key === 'ncx.loginUrl' ? 'https://login.example.com' : undefined;
    });
    assert.deepEqual(read.sort(), [...SETTING_KEYS].sort());
    assert.deepEqual(Object.keys(settings).sort(), [...SETTING_KEYS].sort());
  });

  it('refuses plain http:// to any other machine unless allowed, and allows https:// (property)', () => {
    fc.assert(
      fc.property(remoteHost, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), (host, port) => {
        const authority = port === undefined ? host : `${host}:${port}`;
        const refused = checkServerUrl(`http://${authority}`, false);
        assert.equal(refused.ok, false, `http://${authority} must be refused`);
        assert.match(refused.ok ? '' : refused.reason, /allowInsecureHttp/);
        assert.equal(checkServerUrl(`http://${authority}`, true).ok, true);
        assert.equal(checkServerUrl(`https://${authority}`, false).ok, true);
      }),
      { numRuns: 300 },
    );
  });

  it('allows plain http:// to this machine, however it is spelled (property)', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    const loopback = fc.oneof(
      fc.tuple(octet, octet, octet).map(([a, b, c]) => `127.${a}.${b}.${c}`),
      fc.constantFrom('localhost', 'LOCALHOST', 'sandbox.localhost', '[::1]'),
    );
    fc.assert(
      fc.property(loopback, fc.integer({ min: 1, max: 65535 }), (host, port) => {
        assert.equal(checkServerUrl(`http://${host}:${port}`, false).ok, true, host);
      }),
      { numRuns: 200 },
    );
  });

  it('never repeats a password written into a URL, parsable or not', () => {
    const candidates = [
      `https://agent:${PASSWORD}@login.example.com`,
      `http://agent:${PASSWORD}@login.example.com`,
      `https://agent:${PASSWORD}@login example.com`,
      `https://agent:${PASSWORD}@[login.example.com`,
      `ftp://agent:${PASSWORD}@login.example.com`,
      `agent:${PASSWORD}@login.example.com`,
      `  https://agent:${PASSWORD}@:99999  `,
    ];
    for (const candidate of candidates) {
      const check = checkServerUrl(candidate, false);
      assert.equal(check.ok, false, candidate);
      assert.ok(!check.ok && !check.reason.includes(PASSWORD), `the reason repeats the password: ${check.ok ? '' : check.reason}`);
    }
  });
});
