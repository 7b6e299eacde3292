// Every workitem action, declared once: its command, its words, the permission it needs, the
// `actions` entry that enables it, what it asks the user for, and the HTTP requests it sends.
// The client, the commands, the tree's menus (checked against package.json), the panel's buttons,
// the test doubles and the sandbox's routes (checked by a test) all read this table.
//
// Exhaustive by construction: ACTION_CATALOG is a mapped type over WorkitemAction, so an action
// without a record, or a record without a request, words or permission, does not compile.
// No `vscode` import: the sandbox's tests and the client read it in plain Node.
import { NcxError } from '../errors';
import { PRIORITY_MAX, PRIORITY_MIN, type Permission, type WorkitemAction, type WorkitemState } from '../domain';
import type { HttpMethod } from '../http';
import { ACTION_PATHS } from '../paths';
import { COMMANDS, type CommandId, type CommandKey } from '../../contributions';

/** The translator the words are written against (`vscode.l10n`, the Shown seam, or `untranslated`). */
export interface Translator<S extends string = string> {
  t(message: string, ...args: Array<string | number | boolean>): S;
}
/** One user-visible word or phrase; written `l.t('…')` so the localisation tooling finds it. */
export type Word = <S extends string>(l: Translator<S>) => S;
/** A sentence about one workitem (its id as `{0}`). */
export type Sentence = <S extends string>(l: Translator<S>, workitemId: string) => S;

export interface ActionWords {
  /** Command title, menu entry, panel button, bulk summary: "Transfer to Agent…". */
  title: Word;
  /** Inside a sentence: "… transfer to an agent is not possible". */
  verb: Word;
  /** The row's spinner and the panel's busy button: "Transferring…". */
  progress: Word;
  /** When the server refuses without saying why. */
  refusal: Sentence;
  /** For confirmations (single and bulk): what the action does to the people on the line. */
  consequence?: Word;
}

type NoInput = Record<string, never>;

/** What each action needs besides the workitem id. */
export interface ActionInputs {
  answer: NoInput;
  hold: NoInput;
  unhold: NoInput;
  mute: NoInput;
  unmute: NoInput;
  dtmf: { digits: string };
  priority: { priority: number };
  transfer: { queueId: string };
  userTransfer: { userId: string };
  hangup: NoInput;
  disposition: { dispositionId: string };
}
export type ActionInput<A extends WorkitemAction> = ActionInputs[A];

/** The question asked to fill an action's input; none for an action without one. */
export type ActionAsk = 'queue' | 'agent' | 'priority' | 'digits' | 'disposition';
type AskOf<I> = I extends { queueId: string }
  ? 'queue'
  : I extends { userId: string }
    ? 'agent'
    : I extends { priority: number }
      ? 'priority'
      : I extends { digits: string }
        ? 'digits'
        : I extends { dispositionId: string }
          ? 'disposition'
          : undefined;

export interface ActionRequest {
  method: HttpMethod;
  path: string;
  body?: Record<string, unknown>;
}

export interface ActionSpec<A extends WorkitemAction> {
  action: A;
  /** The key in COMMANDS (src/contributions.ts) and the id in package.json. */
  commandKey: CommandKey;
  command: CommandId;
  /** A codicon for the manifest. */
  icon: `$(${string})`;
  words: ActionWords;
  permission: Permission;
  /** The entry of a workitem's `actions` list that enables it. */
  enabledBy: A;
  /**
   * States in which NCX may offer it (the palette's "which workitem?" query); the workitem's own
   * `actions` list decides in the end. A test checks these against the sandbox's transitions.
   */
  offeredIn: readonly WorkitemState[];
  /** A modal confirmation before sending (once for a bulk run). */
  confirm: boolean;
  asks: AskOf<ActionInputs[A]>;
  /** Why a typed or passed value is not acceptable, or undefined when it is (checked before sending). */
  checkInput(input: ActionInputs[A]): string | undefined;
  /** The input from the second argument of `executeCommand(id, workitemId, value)`. */
  inputFromArgument(value: unknown): ActionInputs[A] | undefined;
  /** The requests, in order (DTMF sends one per digit). */
  requests(workitemId: string, input: ActionInputs[A]): readonly ActionRequest[];
  /** What NCX answers: the workitem as it is now, or `{}` (then the caller reads the workitem). */
  answers: 'workitem' | 'acknowledgement';
}

export type ActionCatalog = { readonly [A in WorkitemAction]: ActionSpec<A> };

const none = (): NoInput => ({});
const noCheck = (): undefined => undefined;
const nonEmpty = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export const DTMF_DIGITS = /^[0-9*#]+$/;
/** A limit on one send, so a pasted paragraph cannot become thousands of requests. */
export const DTMF_MAX_DIGITS = 32;

/** What is wrong with digits to send, as a kind: the input box words it in the user's language. */
export type DtmfProblem = 'empty' | 'notDigits' | 'tooMany';

export function dtmfProblemOf(digits: string): DtmfProblem | undefined {
  if (digits === '') return 'empty';
  if (!DTMF_DIGITS.test(digits)) return 'notDigits';
  if (digits.length > DTMF_MAX_DIGITS) return 'tooMany';
  return undefined;
}

/** The client's refusal (an error for a caller's bug, so in English, as the log reads it). */
export function dtmfProblem(digits: string): string | undefined {
  switch (dtmfProblemOf(digits)) {
    case 'empty':
      return 'Type at least one digit.';
    case 'notDigits':
      return 'Only the digits 0-9, * and # can be sent.';
    case 'tooMany':
      return `At most ${DTMF_MAX_DIGITS} digits at a time.`;
    case undefined:
      return undefined;
  }
}

export function priorityProblem(priority: number): string | undefined {
  return Number.isInteger(priority) && priority >= PRIORITY_MIN && priority <= PRIORITY_MAX
    ? undefined
    : `The priority must be a whole number from ${PRIORITY_MIN} to ${PRIORITY_MAX}.`;
}

export const ACTION_CATALOG: ActionCatalog = {
  answer: {
    action: 'answer',
    commandKey: 'answer',
    command: COMMANDS.answer,
    icon: '$(call-incoming)',
    words: {
      title: (l) => l.t('Answer'),
      verb: (l) => l.t('answer'),
      progress: (l) => l.t('Answering…'),
      refusal: (l, id) => l.t('The server refused to answer {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'answer',
    offeredIn: ['accepted'],
    confirm: false,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: 'POST', path: ACTION_PATHS.bridge(id) }],
    answers: 'workitem',
  },
  hold: {
    action: 'hold',
    commandKey: 'hold',
    command: COMMANDS.hold,
    icon: '$(debug-pause)',
    words: {
      title: (l) => l.t('Hold'),
      verb: (l) => l.t('hold'),
      progress: (l) => l.t('Holding…'),
      refusal: (l, id) => l.t('The server refused to hold {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'hold',
    offeredIn: ['active'],
    confirm: false,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: 'POST', path: ACTION_PATHS.hold(id) }],
    answers: 'workitem',
  },
  unhold: {
    action: 'unhold',
    commandKey: 'unhold',
    command: COMMANDS.unhold,
    icon: '$(debug-continue)',
    words: {
      title: (l) => l.t('Unhold'),
      verb: (l) => l.t('unhold'),
      progress: (l) => l.t('Unholding…'),
      refusal: (l, id) => l.t('The server refused to unhold {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'unhold',
    offeredIn: ['hold'],
    confirm: false,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: ACTION_PATHS.unhold.method, path: ACTION_PATHS.unhold.path(id) }],
    answers: 'workitem',
  },
  mute: {
    action: 'mute',
    commandKey: 'mute',
    command: COMMANDS.mute,
    icon: '$(mute)',
    words: {
      title: (l) => l.t('Mute'),
      verb: (l) => l.t('mute'),
      progress: (l) => l.t('Muting…'),
      refusal: (l, id) => l.t('The server refused to mute {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'mute',
    offeredIn: ['active', 'hold', 'conference'],
    confirm: false,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: 'POST', path: ACTION_PATHS.mute(id) }],
    answers: 'workitem',
  },
  unmute: {
    action: 'unmute',
    commandKey: 'unmute',
    command: COMMANDS.unmute,
    icon: '$(unmute)',
    words: {
      title: (l) => l.t('Unmute'),
      verb: (l) => l.t('unmute'),
      progress: (l) => l.t('Unmuting…'),
      refusal: (l, id) => l.t('The server refused to unmute {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'unmute',
    offeredIn: ['active', 'hold', 'conference'],
    confirm: false,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: 'DELETE', path: ACTION_PATHS.mute(id) }],
    answers: 'workitem',
  },
  dtmf: {
    action: 'dtmf',
    commandKey: 'sendDtmf',
    command: COMMANDS.sendDtmf,
    icon: '$(symbol-numeric)',
    words: {
      title: (l) => l.t('Send DTMF Digits…'),
      verb: (l) => l.t('send digits to'),
      progress: (l) => l.t('Sending digits…'),
      refusal: (l, id) => l.t('The server refused to send digits to {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'dtmf',
    offeredIn: ['active', 'conference'],
    confirm: false,
    asks: 'digits',
    checkInput: (input) => dtmfProblem(input.digits),
    inputFromArgument: (value) => {
      const digits = nonEmpty(value);
      return digits === undefined ? undefined : { digits };
    },
    // NCX takes one digit per request; the digits go in order, each after the previous answered.
    requests: (id, input) => [...input.digits].map((digit) => ({ method: 'POST', path: ACTION_PATHS.dtmf(id, digit) })),
    answers: 'workitem',
  },
  priority: {
    action: 'priority',
    commandKey: 'changePriority',
    command: COMMANDS.changePriority,
    icon: '$(arrow-up)',
    words: {
      title: (l) => l.t('Change Priority…'),
      verb: (l) => l.t('change the priority of'),
      progress: (l) => l.t('Changing priority…'),
      refusal: (l, id) => l.t('The server refused to change the priority of {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'priority',
    offeredIn: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'],
    confirm: false,
    asks: 'priority',
    checkInput: (input) => priorityProblem(input.priority),
    inputFromArgument: (value) => {
      const priority = typeof value === 'number' ? value : typeof value === 'string' && value.trim() ? Number(value) : NaN;
      return Number.isNaN(priority) ? undefined : { priority };
    },
    requests: (id, input) => [{ method: 'POST', path: ACTION_PATHS.priority(id), body: { priority: input.priority } }],
    answers: 'acknowledgement',
  },
  transfer: {
    action: 'transfer',
    commandKey: 'transferToQueue',
    command: COMMANDS.transferToQueue,
    icon: '$(arrow-swap)',
    words: {
      title: (l) => l.t('Transfer to Queue…'),
      verb: (l) => l.t('transfer'),
      progress: (l) => l.t('Transferring…'),
      refusal: (l, id) => l.t('The server refused to transfer {0} in its current state.', id),
      consequence: (l) => l.t('The customers wait in the new queue; their current agents lose them.'),
    },
    permission: 'workitems:write',
    enabledBy: 'transfer',
    offeredIn: ['inqueue', 'offered', 'accepted', 'active', 'hold'],
    confirm: false,
    asks: 'queue',
    checkInput: (input) => (input.queueId.trim() ? undefined : 'A queue id is needed.'),
    inputFromArgument: (value) => {
      const queueId = nonEmpty(value);
      return queueId === undefined ? undefined : { queueId };
    },
    requests: (id, input) => [
      { method: 'POST', path: ACTION_PATHS.queueTransfer(id, input.queueId), body: { inboxId: input.queueId, workitemId: id } },
    ],
    answers: 'acknowledgement',
  },
  userTransfer: {
    action: 'userTransfer',
    commandKey: 'transferToAgent',
    command: COMMANDS.transferToAgent,
    icon: '$(person)',
    words: {
      title: (l) => l.t('Transfer to Agent…'),
      verb: (l) => l.t('transfer to an agent'),
      progress: (l) => l.t('Transferring…'),
      refusal: (l, id) => l.t('The server refused to transfer {0} to an agent in its current state.', id),
      consequence: (l) => l.t('The customers are offered to the chosen agent; their current agents lose them.'),
    },
    permission: 'workitems:write',
    enabledBy: 'userTransfer',
    offeredIn: ['inqueue', 'offered', 'accepted', 'active', 'hold'],
    confirm: false,
    asks: 'agent',
    checkInput: (input) => (input.userId.trim() ? undefined : 'An agent is needed.'),
    inputFromArgument: (value) => {
      const userId = nonEmpty(value);
      return userId === undefined ? undefined : { userId };
    },
    requests: (id, input) => [
      { method: 'POST', path: ACTION_PATHS.userTransfer(id, input.userId), body: { userId: input.userId, workitemId: id } },
    ],
    answers: 'acknowledgement',
  },
  hangup: {
    action: 'hangup',
    commandKey: 'hangUp',
    command: COMMANDS.hangUp,
    icon: '$(debug-disconnect)',
    words: {
      title: (l) => l.t('Hang Up'),
      verb: (l) => l.t('hang up'),
      progress: (l) => l.t('Hanging up…'),
      refusal: (l, id) => l.t('The server refused to hang up {0} in its current state.', id),
      consequence: (l) => l.t('The interaction ends for the customer and the agent. This cannot be undone.'),
    },
    permission: 'workitems:write',
    enabledBy: 'hangup',
    offeredIn: ['inqueue', 'offered', 'accepted', 'active', 'hold', 'conference'],
    confirm: true,
    asks: undefined,
    checkInput: noCheck,
    inputFromArgument: none,
    requests: (id) => [{ method: 'POST', path: ACTION_PATHS.hangup(id) }],
    answers: 'workitem',
  },
  disposition: {
    action: 'disposition',
    commandKey: 'disposition',
    command: COMMANDS.disposition,
    icon: '$(tag)',
    words: {
      title: (l) => l.t('Disposition…'),
      verb: (l) => l.t('disposition'),
      progress: (l) => l.t('Dispositioning…'),
      refusal: (l, id) => l.t('The server refused to disposition {0} in its current state.', id),
    },
    permission: 'workitems:write',
    enabledBy: 'disposition',
    offeredIn: ['terminated'],
    confirm: false,
    asks: 'disposition',
    checkInput: (input) => (input.dispositionId.trim() ? undefined : 'A disposition is needed.'),
    inputFromArgument: (value) => {
      const dispositionId = nonEmpty(value);
      return dispositionId === undefined ? undefined : { dispositionId };
    },
    requests: (id, input) => [
      { method: ACTION_PATHS.disposition.method, path: ACTION_PATHS.disposition.path(id), body: { dispositionId: input.dispositionId } },
    ],
    answers: 'workitem',
  },
};

export function actionSpec<A extends WorkitemAction>(action: A): ActionSpec<A> {
  return ACTION_CATALOG[action] as ActionSpec<A>;
}

/** The requests of an action, with its input checked first (a bad input throws before anything is sent). */
export function actionRequests<A extends WorkitemAction>(action: A, workitemId: string, input: ActionInputs[A]): readonly ActionRequest[] {
  const spec = actionSpec(action);
  const problem = spec.checkInput(input);
  if (problem !== undefined) {
    throw new NcxError('badRequest', problem);
  }
  return spec.requests(workitemId, input);
}
