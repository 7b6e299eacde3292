import * as assert from 'node:assert/strict';
import { parseSettings } from '../../../src/config/settings';
import { CARRIED_OVER_KEY, carryOverSingleConnection, planCarryOver, type CarryOverDeps } from '../../../src/connection/profiles/carryOver';
import { nameProblem, readProfiles } from '../../../src/connection/profiles/connectionProfile';
import { LEGACY_SESSION_SECRET_KEY } from '../../../src/connection/secretSessionStore';
import type { StoredSession } from '../../../src/connection/sessionStore';
import { tenantColor } from '../../../src/connection/tenantColor';
import { recordingLog } from '../commands/helpers/recordingLog';
import { MemorySessionStore } from './helpers/memorySessionStore';

const session: StoredSession = {
  loginUrl: 'https://login.thrio.io',
  location: 'https://US1.thrio.io',
  token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkYW5hIn0.c2ln',
  username: 'dana.whitfield',
};

describe('named connections: the setting', () => {
  it('reads valid entries and leaves out, with a reason, each invalid or repeated one', () => {
    const { profiles, problems } = readProfiles([
      { name: 'acme-prod', loginUrl: 'https://login.thrio.io', color: 'red' },
      { name: 'ACME-PROD', loginUrl: 'https://login.other.io' },
      { name: 'globex', loginUrl: 'ftp://login.globex.com' },
      { name: '[x](command:workbench.action.terminal.new)', loginUrl: 'https://login.thrio.io' },
      { name: '$(alert) prod', loginUrl: 'https://login.thrio.io' },
      { name: 'sandbox', loginUrl: 'https://login.thrio.io' },
      'acme',
      { name: 'initech', loginUrl: 'https://login.initech.com', protected: false, authScheme: 'raw' },
    ]);
    assert.deepEqual(
      profiles.map((profile) => profile.name),
      ['acme-prod', 'initech'],
    );
    assert.equal(problems.length, 6);
    assert.match(problems[0] ?? '', /connection 2 left out: .*exists already/);
    assert.match(problems[1] ?? '', /connection 3 left out: loginUrl is not valid/);
    assert.ok(problems.every((problem) => !problem.includes('command:')), 'the log never repeats what it refused');
  });

  it('reads a setting that is not a list as no connections, and says so', () => {
    assert.deepEqual(readProfiles({ name: 'acme' }).profiles, []);
    assert.equal(readProfiles({ name: 'acme' }).problems.length, 1);
    assert.deepEqual(readProfiles(undefined), { profiles: [], problems: [] });
  });

  it('accepts a host with its port as a name, and refuses markup, spaces and reserved names', () => {
    assert.equal(nameProblem('us1.thrio.io:8443', []), undefined);
    for (const name of ['acme prod', '-acme', 'a'.repeat(64), 'ncx', 'Sandbox', '<b>x</b>']) {
      assert.notEqual(nameProblem(name, []), undefined, name);
    }
  });

  it("shows a tenant in its chosen colour, never the sandbox's green unless chosen", () => {
    assert.equal(tenantColor('acme-prod', false, 'purple'), 'purple');
    assert.equal(tenantColor('acme-prod', true, 'purple'), 'green', 'the sandbox is always green');
    assert.notEqual(tenantColor('acme-prod', false), 'green');
  });
});

describe('named connections: carrying the single connection over', () => {
  const settings = parseSettings(() => undefined);

  it('makes the old session a connection named after its host, and chooses it', () => {
    assert.deepEqual(planCarryOver({ session, settings }), {
      add: { name: 'us1.thrio.io', loginUrl: 'https://login.thrio.io' },
      tenant: 'us1.thrio.io',
      session,
      choose: true,
    });
  });

  it('moves the session to a connection of that name when one exists, adding none', () => {
    const plan = planCarryOver({ session, settings: { ...settings, connections: [{ name: 'US1.thrio.io', loginUrl: 'https://login.thrio.io' }], 'connection.tenant': 'x' } });
    assert.deepEqual(plan, { tenant: 'US1.thrio.io', session, choose: false });
  });

  it('makes a login URL without a session a connection, only while there are none', () => {
    const withUrl = { ...settings, 'ncx.loginUrl': 'https://login.globex.com/' };
    assert.deepEqual(planCarryOver({ session: undefined, settings: withUrl }), {
      add: { name: 'login.globex.com', loginUrl: 'https://login.globex.com/' },
      choose: true,
    });
    assert.equal(planCarryOver({ session: undefined, settings: { ...withUrl, connections: [{ name: 'a', loginUrl: 'https://a.io' }] } }), undefined);
    assert.equal(planCarryOver({ session: undefined, settings }), undefined, 'a fresh install has nothing to carry');
  });

  function world(initial: Record<string, string>): { deps: CarryOverDeps; secrets: Map<string, string>; memento: Map<string, unknown>; sessions: MemorySessionStore; current: () => ReturnType<typeof parseSettings> } {
    const secrets = new Map(Object.entries(initial));
    const memento = new Map<string, unknown>();
    const sessions = new MemorySessionStore();
    let current = parseSettings(() => undefined);
    const deps: CarryOverDeps = {
      secrets: { get: async (key) => secrets.get(key), delete: async (key) => void secrets.delete(key) },
      sessions,
      settings: () => current,
      write: async (key, value) => {
        current = { ...current, [key]: value };
      },
      memento: { get: <T>(key: string) => memento.get(key) as T | undefined, update: async (key, value) => void memento.set(key, value) },
      log: recordingLog(),
    };
    return { deps, secrets, memento, sessions, current: () => current };
  }

  it('carries the stored session over once, nothing lost, and deletes the old key only after', async () => {
    const { deps, secrets, memento, sessions, current } = world({ [LEGACY_SESSION_SECRET_KEY]: JSON.stringify(session) });
    await carryOverSingleConnection(deps);
    assert.deepEqual(sessions.byTenant.get('us1.thrio.io'), session);
    assert.equal(secrets.has(LEGACY_SESSION_SECRET_KEY), false);
    assert.equal(current()['connection.tenant'], 'us1.thrio.io');
    assert.deepEqual(current().connections, [{ name: 'us1.thrio.io', loginUrl: 'https://login.thrio.io' }]);
    assert.equal(memento.get(CARRIED_OVER_KEY), true);

    // Removed by the user later: a restart does not bring it back from the old login URL.
    await deps.write('connections', []);
    await deps.write('ncx.loginUrl', 'https://login.thrio.io');
    await carryOverSingleConnection(deps);
    assert.deepEqual(current().connections, []);
  });

  it('keeps the old key when writing the new one fails, so the next start tries again', async () => {
    const { deps, secrets, sessions } = world({ [LEGACY_SESSION_SECRET_KEY]: JSON.stringify(session) });
    sessions.set = async () => {
      throw new Error('keychain locked');
    };
    await carryOverSingleConnection(deps);
    assert.equal(secrets.get(LEGACY_SESSION_SECRET_KEY), JSON.stringify(session));
  });
});
