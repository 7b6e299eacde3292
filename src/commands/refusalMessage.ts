// Why the server refused an action, in its own words when it gave any: the sandbox and NCX know
// the workitem's real state; our copy in the tree may be seconds old.
import type { WorkitemAction } from '../api/domain';
import type { NcxError } from '../api/errors';
import { l10n } from '../ui/l10n';
import { ACTION_CATALOG } from '../api/actions/catalog';
import { actionVerb } from './actionText';
import { shown, type Shown } from '../model/format/shownText';

/** The client appends the body's message as ` The server said: "…"` when it cannot pass it on otherwise. */
const SERVER_SAID = / The server said: "([\s\S]+)"$/;

export function serverWords(error: NcxError): string | undefined {
  const said = error.details.serverMessage ?? SERVER_SAID.exec(error.message)?.[1];
  return said?.trim() || undefined;
}

/** Shown in a notification: the server's words are neutralized here, where they enter the surface. */
export function refusalMessage(action: WorkitemAction, workitemId: string, error: NcxError): Shown {
  const said = serverWords(error);
  if (said) {
    return shown(said);
  }
  switch (error.kind) {
    case 'notFound':
      return l10n.t('{0} no longer exists: {1} is not possible.', workitemId, actionVerb(action));
    case 'forbidden':
      return shown(error.message);
    default:
      return ACTION_CATALOG[action].words.refusal(l10n, workitemId);
  }
}
