import * as assert from 'node:assert/strict';
import { transportSettingsFrom, type NetworkSettingValues } from '../../../src/config/networkSettings';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function values(overrides: Partial<NetworkSettingValues>): NetworkSettingValues {
  return { proxy: '', proxySupport: 'override', noProxy: [], systemCertificates: true, caFile: '', env: {}, ...overrides };
}

describe('network settings', () => {
  const noFile = (): string => {
    throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  };

  it('uses http.proxy, else the environment, and none when proxy support is off', () => {
    assert.equal(transportSettingsFrom(values({ proxy: 'http://proxy:3128' }), noFile).settings.proxy, 'http://proxy:3128');
    assert.equal(transportSettingsFrom(values({ env: { HTTPS_PROXY: 'http://env:8080' } }), noFile).settings.proxy, 'http://env:8080');
    assert.equal(
      transportSettingsFrom(values({ proxy: 'http://proxy:3128', proxySupport: 'off' }), noFile).settings.proxy,
      undefined,
    );
  });

  it('joins http.noProxy and NO_PROXY', () => {
    const { settings } = transportSettingsFrom(values({ noProxy: ['a.example'], env: { NO_PROXY: 'b.example, .c.example' } }), noFile);
    assert.deepEqual(settings.noProxy, ['a.example', 'b.example', '.c.example']);
  });

  it('reads the CA file, and says in plain words when it cannot', () => {
    assert.deepEqual(transportSettingsFrom(values({ caFile: '/ca.pem' }), () => PEM).settings.extraCa, [PEM]);
    const missing = transportSettingsFrom(values({ caFile: '/nowhere.pem' }), noFile);
    assert.deepEqual(missing.settings.extraCa, []);
    assert.match(missing.problems[0] ?? '', /cannot be read \(ENOENT\)/);
    const notPem = transportSettingsFrom(values({ caFile: '/key.txt' }), () => 'hello');
    assert.match(notPem.problems[0] ?? '', /no PEM certificate/);
  });

  it('reads each certificate of a bundle on its own, even glued together without a newline', () => {
    const second = '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----';
    const glued = PEM.trimEnd() + second;
    const { settings, problems } = transportSettingsFrom(values({ caFile: '/ca/bundle.pem' }), () => glued);
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.extraCa, [PEM, `${second}\n`]);
  });

  it('turns system certificates off only when told to', () => {
    assert.equal(transportSettingsFrom(values({ systemCertificates: false }), noFile).settings.systemCertificates, false);
    assert.equal(transportSettingsFrom(values({ systemCertificates: undefined }), noFile).settings.systemCertificates, true);
  });
});
