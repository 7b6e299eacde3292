// What an action asks before it is sent, as its catalog record says (`asks`): a queue, an agent,
// a priority, digits or a disposition; nothing for the others.
import { ours, type Shown } from '../model/format/shownText';
import { actionSpec, DTMF_MAX_DIGITS, dtmfProblemOf, type ActionAsk, type ActionInput, type DtmfProblem } from '../api/actions/catalog';
import type { WorkitemAction } from '../api/domain';
import type { Workitem } from '../api/schemas';
import type { WorkitemsApi } from '../api/workitemsApi';
import { l10n } from '../ui/l10n';
import type { Ui } from '../ui/ui';
import { pickAgent } from './pickAgent';
import { pickDisposition } from './pickDisposition';
import { pickPriority } from './pickPriority';
import { pickQueue } from './pickQueue';

/** The input, or undefined when the user dismissed the question. */
export async function askActionInput<A extends WorkitemAction>(
  ui: Ui,
  api: WorkitemsApi,
  action: A,
  workitem?: Workitem,
): Promise<ActionInput<A> | undefined> {
  const ask: ActionAsk | undefined = actionSpec(action).asks;
  const as = (input: object): ActionInput<A> => input as ActionInput<A>;
  switch (ask) {
    case undefined:
      return as({});
    case 'queue': {
      const queueId = await pickQueue(ui, api, workitem);
      return queueId === undefined ? undefined : as({ queueId });
    }
    case 'agent': {
      const userId = await pickAgent(ui, api, workitem);
      return userId === undefined ? undefined : as({ userId });
    }
    case 'priority': {
      const priority = await pickPriority(ui, workitem);
      return priority === undefined ? undefined : as({ priority });
    }
    case 'digits': {
      const digits = await ui.input({
        title: workitem ? l10n.t('Send DTMF Digits to {0}', workitem.workitemId) : l10n.t('Send DTMF Digits'),
        prompt: l10n.t('Digits 0-9, * and #, sent one at a time in order'),
        placeholder: ours('1#'),
        validate: (value) => {
          const problem = dtmfProblemOf(value.trim());
          return problem === undefined ? undefined : dtmfProblemText(problem);
        },
      });
      return digits === undefined ? undefined : as({ digits: digits.trim() });
    }
    case 'disposition': {
      const dispositionId = await pickDisposition(ui, api, workitem);
      return dispositionId === undefined ? undefined : as({ dispositionId });
    }
  }
}

function dtmfProblemText(problem: DtmfProblem): Shown {
  switch (problem) {
    case 'empty':
      return l10n.t('Type at least one digit.');
    case 'notDigits':
      return l10n.t('Only the digits 0-9, * and # can be sent.');
    case 'tooMany':
      return l10n.t('At most {0} digits at a time.', DTMF_MAX_DIGITS);
  }
}
