import * as assert from 'assert';
import { isContextValueMatched, parseViewItemCondition } from './helpers/whenClause';

// The contract test above trusts this reading of when clauses, so it is checked on its own.
describe('when clause reading (viewItem conditions)', () => {
  const tree = 'workitemInspector.workitems';

  it('matches an exact viewItem comparison, quoted or not', () => {
    assert.ok(parseViewItemCondition(`view == ${tree} && viewItem == workitem.held`).matches('workitem.held'));
    assert.ok(parseViewItemCondition(`viewItem == 'workitem.active'`).matches('workitem.active'));
    assert.ok(!parseViewItemCondition(`viewItem == workitem.held`).matches('workitem.active'));
  });

  it('matches a viewItem regex with its flags and escaped slashes', () => {
    const condition = parseViewItemCondition(`view == ${tree} && viewItem =~ /^workitem\\.(active|hold)(\\.|$)/i`);
    assert.ok(condition.matches('workitem.hold.canTransfer'));
    assert.ok(condition.matches('WORKITEM.ACTIVE'));
    assert.ok(!condition.matches('group.state'));
    assert.ok(parseViewItemCondition('viewItem =~ /queue\\/\\w+/').matches('queue/q_support'));
  });

  it('does not count a negated comparison as a match', () => {
    assert.ok(!parseViewItemCondition('viewItem != workitem.terminated').matches('workitem.terminated'));
  });

  it('ignores menus restricted to another view', () => {
    assert.ok(!isContextValueMatched('workitem.held', tree, ['view == otherExtension.view && viewItem == workitem.held']));
    assert.ok(isContextValueMatched('workitem.held', tree, ['viewItem == workitem.held']));
    assert.ok(isContextValueMatched('workitem.held', tree, ['viewItem == group', `view == ${tree} && viewItem =~ /held/`]));
  });
});
