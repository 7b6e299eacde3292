export { TRANSITIONS, type TransitionRule } from './transitions';
export { availableActions, illegalReason, isLegal, legalActions, reachableStates, userActionsFor } from './legality';
export { DEFAULT_DISPOSITION_ID, advanceDraft, applyAction, type WorkitemDraft } from './applyAction';
export { renderTransitionTable } from './renderTable';
