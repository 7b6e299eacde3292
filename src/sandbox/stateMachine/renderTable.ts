import { SANDBOX_ACTIONS } from '../contracts';
import { WORKITEM_ACTIONS } from '../../api/domain';
import { TRANSITIONS } from './transitions';

/** The transition table as Markdown, for the README and reports. */
export function renderTransitionTable(): string {
  const userActions: readonly string[] = WORKITEM_ACTIONS;
  const lines = [
    '| action | from states | channels | next state | time event | in `actions` | also sets |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const action of SANDBOX_ACTIONS) {
    const rule = TRANSITIONS[action];
    const cells = [
      `\`${action}\``,
      rule.from.join(', '),
      (rule.channels ? rule.channels.join(', ') : 'all') + (rule.requires ? ` (${rule.requires})` : ''),
      rule.to ?? 'unchanged',
      `\`${rule.event}\``,
      userActions.includes(action) ? 'yes' : 'no',
      rule.effect || '—',
    ];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n') + '\n';
}
