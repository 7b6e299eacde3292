// A whole NCX session with a marker password, through the real Connection (sign-in, searches, a
// refused action, a renewal, a rejected token): the token and the password stay in the session
// store, which stands in for SecretStorage, and nowhere else: not in the settings object, not in
// the connection's state, not in a log line, not in an error message.
import { strict as assert } from 'node:assert';
import { isNcxError } from '../../../src/api/errors';
import { ActionRunner } from '../../../src/commands/actionRunner';
import { REFRESH_LEAD_MS } from '../../../src/connection/tokenSchedule';
import { startSandbox, type RunningSandbox } from '../../../src/sandbox/server/startSandbox';
import { FakePanels, FakeTree } from '../commands/helpers/fakeHooks';
import { FakeUi } from '../commands/helpers/fakeUi';
import { connectionRig, nextState, type ConnectionRig } from '../connection/helpers/connectionRig';

const USERNAME = 'dana.whitfield';
const PASSWORD = 'SECRET-MARKER-password-41c7f0';

describe('hardening: the secrets of a whole NCX session', function () {
  this.timeout(30_000);
  let tenant: RunningSandbox;
  let rig: ConnectionRig | undefined;

  before(async () => {
    tenant = await startSandbox({
      port: 0,
      size: 120,
      seed: 5,
      traffic: false,
      users: [{ username: USERNAME, password: PASSWORD, permissions: ['workitems:read', 'workitems:write'] }],
    });
  });

  after(async () => {
    await rig?.cleanUp();
    await tenant.stop();
  });

  it('keeps the token and the password in the session store only', async () => {
    rig = connectionRig();
    const secrets = [PASSWORD, Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')];
    const messages: string[] = [];
    const snapshots: string[] = [];
    const snapshot = (): void => {
      snapshots.push(JSON.stringify(rig?.settings), JSON.stringify(rig?.connection.state));
    };

    // A typo first: the password that reached the server is refused, and not repeated anywhere.
    const typo = `${PASSWORD}-typo`;
    secrets.push(typo);
    await rig.connection.signIn({ loginUrl: tenant.url, username: USERNAME, password: typo }).then(
      () => assert.fail('a wrong password must be refused'),
      (error: unknown) => messages.push(error instanceof Error ? error.message : String(error)),
    );
    snapshot();

    await rig.connection.signIn({ loginUrl: tenant.url, username: USERNAME, password: PASSWORD });
    const first = rig.sessions.session?.token;
    assert.ok(first);
    secrets.push(first);
    snapshot();

    const api = await rig.connection.getApi();
    assert.ok((await api.count('state:active')) > 0);
    const [terminated] = (await api.search({ q: 'state:terminated', rows: 1 })).items;
    assert.ok(terminated);
    const runner = new ActionRunner({ ui: new FakeUi(), log: rig.log, connection: rig.connection, tree: new FakeTree(), panels: new FakePanels() });
    assert.equal(await runner.run('hold', terminated.workitemId), 'refused');
    snapshot();

    const renewed = nextState(rig.connection, (state) => state.status === 'connected');
    rig.clock.advance((rig.connection.state.expiresAt ?? 0) - rig.clock.now() - REFRESH_LEAD_MS);
    await renewed;
    await new Promise((resolve) => setImmediate(resolve));
    const second = rig.sessions.session?.token;
    assert.ok(second && second !== first, 'the token was renewed');
    secrets.push(second);
    snapshot();

    // The tenant forgets every token (a restart with a new secret): the next request is a 401.
    const stored = rig.sessions.session;
    assert.ok(stored);
    const forged = `${second.slice(0, -8)}AAAAAAAA`;
    secrets.push(forged);
    rig.sessions.changeFromAnotherWindow({ ...stored, token: forged });
    await rig.connection.storedSessionChanged();
    await api.count(undefined).then(
      () => assert.fail('a forged token must be refused'),
      (error: unknown) => {
        assert.ok(isNcxError(error) && error.kind === 'unauthorized', String(error));
        messages.push(error.message);
      },
    );
    snapshot();

    const everything = [...rig.log.lines, ...messages, ...snapshots];
    for (const text of everything) {
      for (const secret of secrets) {
        assert.ok(!text.includes(secret), `a secret (${secret.slice(0, 12)}…) leaked into: ${text.slice(0, 200)}`);
      }
    }
    assert.ok(rig.log.lines.some((line) => /Signed in to 127\.0\.0\.1:\d+ as dana\.whitfield/.test(line)));
    assert.ok(rig.log.lines.some((line) => /→ 401/.test(line)), 'the 401 is logged, without the token');
    assert.ok(JSON.stringify(rig.sessions.session).includes(forged), 'the session store is where the token lives');
  });
});
