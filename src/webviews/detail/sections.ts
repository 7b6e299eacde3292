// The panel's simpler sections: fields, contact, validation issues and the raw JSON.
import { boundedStringify } from '../../api/boundedJson';
import type { ValidationIssue } from '../../api/workitemsApi';
import type { Workitem } from '../../api/schemas';
import { buildContactRows, buildFieldRows } from '../viewModel/fieldRows';
import { displayText, html, joinHtml, SafeHtml } from '../html/escape';
import type { SectionContext } from './context';
import { renderFieldTable } from './fieldTable';

export function renderFieldsSection(workitem: Workitem, changed: ReadonlySet<string>, context: SectionContext): SafeHtml {
  const { l10n } = context;
  const rows = buildFieldRows(workitem, context);
  return html`<section class="section" id="fields" aria-labelledby="fields-heading">
<h2 id="fields-heading">${l10n.t('Fields')}</h2>
${renderFieldTable(rows, changed, context, l10n.t('Other fields sent by the server'))}
</section>`;
}

export function renderContactSection(workitem: Workitem, changed: ReadonlySet<string>, context: SectionContext): SafeHtml {
  const { l10n } = context;
  let body: SafeHtml;
  if (workitem.contact) {
    body = renderFieldTable(buildContactRows(workitem.contact, context), changed, context);
  } else if (workitem.contactId !== undefined) {
    body = html`<p class="muted">${l10n.t('The server sent only the contact ID, not the contact:')} <span class="value">${displayText(workitem.contactId, l10n)}</span></p>`;
  } else {
    body = html`<p class="muted">${l10n.t('No contact is linked to this workitem.')}</p>`;
  }
  return html`<section class="section" id="contact" aria-labelledby="contact-heading">
<h2 id="contact-heading">${l10n.t('Contact')}</h2>
${body}
</section>`;
}

export function renderIssuesSection(issues: readonly ValidationIssue[], context: SectionContext): SafeHtml | undefined {
  if (issues.length === 0) {
    return undefined;
  }
  const { l10n } = context;
  const rows = issues.map(
    (issue) =>
      html`<tr><td class="value">${displayText(issue.path, l10n, 300)}</td><td>${displayText(issue.expected, l10n, 300)}</td><td class="value">${displayText(issue.received, l10n, 300)}</td></tr>`,
  );
  return html`<section class="section issues" id="issues" aria-labelledby="issues-heading">
<h2 id="issues-heading">${l10n.t('Validation issues ({0})', issues.length)}</h2>
<p class="muted">${l10n.t('The server sent values this version of the extension does not accept; the fields below are where.')}</p>
<table class="grid"><thead><tr><th scope="col">${l10n.t('Field')}</th><th scope="col">${l10n.t('Expected')}</th><th scope="col">${l10n.t('Received')}</th></tr></thead>
<tbody>${joinHtml(rows)}</tbody></table>
</section>`;
}

// Same characters `displayText` marks; in JSON they can only occur inside strings, where a
// `\uXXXX` escape is an equivalent spelling that cannot reorder or hide the surrounding text.
const INVISIBLE_IN_JSON = /[\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2028\u2029\u2060\u2066-\u2069\uFEFF]/g;
const TEXT_SPECIAL = /[&<>]/g;
const TEXT_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Pretty JSON in which no character can hide or reorder text; still the same JSON value. */
export function visibleJson(value: unknown): string {
  // Bounded: a value nested thousands of levels deep would overflow JSON.stringify's stack.
  const json = value === undefined ? 'undefined' : boundedStringify(value, { indent: 2 }).text;
  return json.replace(INVISIBLE_IN_JSON, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Pretty JSON as element text (only `& < >` matter outside attributes, which keeps 1 MB fast). */
export function jsonAsText(value: unknown): SafeHtml {
  return new SafeHtml(visibleJson(value).replace(TEXT_SPECIAL, (char) => TEXT_ENTITIES[char]));
}

/**
 * Above this many characters of compact JSON the raw view is fetched when opened: a 10,000-event
 * workitem is over a megabyte, and escaping it into every render would cost more than the rest.
 */
export const RAW_JSON_INLINE_LIMIT = 200_000;

/** `compactJson`: the workitem's JSON.stringify, when the caller already has it (it costs ms on big ones). */
export function renderRawJsonSection(workitem: Workitem, context: SectionContext, compactJson?: string): SafeHtml {
  const { l10n } = context;
  const size = (compactJson ?? boundedStringify(workitem).text).length;
  const content =
    size <= RAW_JSON_INLINE_LIMIT
      ? html`<pre class="json" id="raw-json">${jsonAsText(workitem)}</pre>`
      : html`<pre class="json" id="raw-json" data-deferred="true">${l10n.t('Loading…')}</pre>`;
  return html`<section class="section" id="raw" aria-labelledby="raw-heading">
<h2 id="raw-heading">${l10n.t('Raw JSON')}</h2>
<div class="toolbar"><button type="button" class="secondary" data-command="copyJson">${l10n.t('Copy JSON')}</button></div>
<details id="raw-details"><summary>${l10n.t('Show JSON ({0} characters)', size)}</summary>
${content}
</details>
</section>`;
}
