// Privacy mode at the command side: Copy as JSON asks first, workitem pickers show masked rows,
// and every message, question and pick row of the Ui is masked.
import * as assert from 'node:assert/strict';
import type { Workitem } from '../../../src/api/schemas';
import { workitemPickItem } from '../../../src/commands/pickWorkitem';
import { createCommandHandlers } from '../../../src/commands/registry';
import { shown } from '../../../src/model/format/shownText';
import { MASK } from '../../../src/model/privacy/mask';
import { privacyMode } from '../../../src/model/privacy/privacyMode';
import { maskingUi } from '../../../src/privacy/maskingUi';
import { commandRig } from '../commands/helpers/commandRig';
import { KnownWorkitemsApi } from '../commands/helpers/deferredApi';
import { FakeUi } from '../commands/helpers/fakeUi';
import { activeVoiceCall } from '../commands/helpers/workitems';

const call: Workitem = {
  ...activeVoiceCall(),
  contact: { _id: 'ct_10001', firstName: 'Ada', lastName: 'Lovelace', phone: '+18005551000', email: 'ada@example.com' },
  from: '+18005551000',
};

describe('privacy mode at the commands', () => {
  afterEach(async () => {
    await privacyMode.set(false);
  });

  it('Copy as JSON asks before copying unmasked data, and copies nothing when declined', async () => {
    const rig = commandRig(new KnownWorkitemsApi([call], []));
    const handlers = createCommandHandlers(rig.ctx, rig.runner);
    await privacyMode.set(true);
    rig.ui.confirmAnswers = [false];
    await handlers.copyJson({ workitem: call });
    assert.equal(rig.ui.clipboard, undefined);
    assert.equal(rig.ui.confirmations.length, 1);
    rig.ui.confirmAnswers = [true];
    await handlers.copyJson({ workitem: call });
    assert.deepEqual(JSON.parse(rig.ui.clipboard ?? ''), call, 'the real data once the user said so');
    await privacyMode.set(false);
    rig.ui.clipboard = undefined;
    await handlers.copyJson({ workitem: call });
    assert.equal(rig.ui.confirmations.length, 2, 'no question while privacy mode is off');
    assert.ok(rig.ui.clipboard);
  });

  it('shows the masked contact in a workitem pick row, and hands back the real workitem', async () => {
    await privacyMode.set(true);
    const item = workitemPickItem(call);
    assert.ok(!JSON.stringify([item.label, item.description, item.detail]).includes('Lovelace'));
    assert.ok(item.description?.includes(`L${MASK.repeat(7)}`), item.description);
    assert.equal(item.value, call);
  });

  it('masks emails and phone numbers in messages, questions and pick rows, only while on', async () => {
    const fake = new FakeUi();
    const ui = maskingUi(fake, privacyMode);
    await ui.warn(shown('ada@example.com could not be reached at +18005551000'));
    await privacyMode.set(true);
    await ui.warn(shown('ada@example.com could not be reached at +18005551000'));
    await ui.confirm(shown('Call +18005551000?'), shown('for ada@example.com'), shown('Call'));
    fake.choosePick = () => 0;
    await ui.pick([{ label: shown('ada@example.com'), value: 1 }], {});
    assert.equal(fake.messages[0]?.text, 'ada@example.com could not be reached at +18005551000');
    assert.equal(fake.messages[1]?.text, `a${MASK.repeat(3)}@example.com could not be reached at +1${MASK.repeat(7)}000`);
    assert.ok(!JSON.stringify(fake.confirmations).includes('5551000'));
  });
});
