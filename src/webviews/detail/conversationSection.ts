// The panel's Conversation section: the contact's journey (the other workitems of the
// conversation, on one time axis) and the transcript with its recording. Both are read only when
// the user opens them (a panel opens with one request), and the transcript and recording, which are
// personal data, are not read at all while privacy mode is on.
import { journeyQuery } from '../../api/journeyContract';
import type { Workitem } from '../../api/schemas';
import { conversationOf } from '../../api/transcriptContract';
import { html, type SafeHtml } from '../html/escape';
import type { SectionContext } from './context';

/** Channels with something said: a call or a chat has a transcript (voice also a recording). */
const SPOKEN_CHANNELS: ReadonlySet<string> = new Set(['voice', 'chat']);

export function renderConversationSection(workitem: Workitem, context: SectionContext, privacyOn: boolean): SafeHtml {
  const { l10n } = context;
  const hasJourney = journeyQuery(workitem) !== undefined;
  const spoken = SPOKEN_CHANNELS.has(workitem.channelType);
  if (!hasJourney && !spoken) return html``;
  const journey = hasJourney
    ? html`<details id="journey-details"><summary>${l10n.t('Journey: the workitems of conversation {0}', conversationOf(workitem))}</summary>
<div id="journey-body" class="journey" data-deferred="true"><p class="muted">${l10n.t('Loading…')}</p></div>
</details>`
    : undefined;
  const transcript = spoken
    ? privacyOn
      ? html`<p class="muted" id="transcript-hidden">${l10n.t('Transcript and recording are hidden while privacy mode is on.')}</p>`
      : html`<details id="transcript-details"><summary>${l10n.t('Transcript and recording')}</summary>
<div id="transcript-body" class="transcript" data-deferred="true"><p class="muted">${l10n.t('Loading…')}</p></div>
</details>`
    : undefined;
  return html`<section class="section" id="conversation" aria-labelledby="conversation-heading">
<h2 id="conversation-heading">${l10n.t('Conversation')}</h2>
${journey}
${transcript}
</section>`;
}
