// A filter on a field the extension does not know is applied (a tenant may have it) but warns,
// naming the nearest field of the query language's own list.
import * as assert from 'node:assert/strict';
import { nearestKnownField, unknownQueryFields } from '../../../src/api/queryFields';
import type { WorkitemsApi } from '../../../src/api/workitemsApi';
import { filterCommand } from '../../../src/commands/filter';
import { QUERY_FIELDS } from '../../../src/sandbox/query/fields';
import { commandRig } from './helpers/commandRig';

async function runFilter(text: string): Promise<ReturnType<typeof commandRig>> {
  const rig = commandRig({} as WorkitemsApi);
  rig.ui.inputAnswers = [text];
  await filterCommand(rig.ctx)();
  return rig;
}

describe('Filter on a field the extension does not know', () => {
  it('applies colour:blue as typed and warns, with the nearest known field', async () => {
    const rig = await runFilter('colour:blue');
    assert.equal(rig.tree.filter, 'colour:blue');
    const [warning] = rig.ui.textsAt('warn');
    assert.ok(warning?.includes('colour'), warning);
    const nearest = nearestKnownField('colour');
    assert.ok(QUERY_FIELDS.has(nearest));
    assert.ok(warning?.includes(`did you mean ${nearest}?`), warning);
  });

  it('suggests state for stat:hold, and the part of a field for a near name', async () => {
    const rig = await runFilter('stat:hold');
    assert.equal(rig.tree.filter, 'stat:hold');
    assert.match(rig.ui.textsAt('warn')[0] ?? '', /stat \(did you mean state\?\)/);
    assert.equal(nearestKnownField('State'), 'state');
    assert.equal(nearestKnownField('priorty'), 'priority');
    assert.equal(nearestKnownField('queue'), 'selectedQueue');
    assert.equal(nearestKnownField('lastname'), 'contact.lastName');
    assert.equal(nearestKnownField('channel'), 'channelType');
  });

  it('names each unknown field once, in AND / OR / NOT and parentheses', () => {
    const unknown = unknownQueryFields('stat:hold AND (NOT colour:blue OR stat:active) AND priority:>=3');
    assert.deepEqual(
      unknown.map((field) => field.name),
      ['stat', 'colour'],
    );
  });

  it('says nothing for known fields, bare words and an empty filter', async () => {
    for (const text of ['state:hold AND channelType:voice', 'contact.lastName:bri', 'wi_123', 'priority:>=4', '']) {
      const rig = await runFilter(text);
      assert.deepEqual(rig.ui.textsAt('warn'), [], text);
    }
  });
});
