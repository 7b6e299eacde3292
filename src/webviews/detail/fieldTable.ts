// Field rows as a two-column table; rows of changed fields are marked so a refresh shows what moved.
import type { FieldRow } from '../viewModel/fieldRows';
import { attributeText, displayText, html, joinHtml, type SafeHtml } from '../html/escape';
import type { SectionContext } from './context';

function isChanged(key: string, changed: ReadonlySet<string>): boolean {
  if (changed.size === 0) return false;
  const topLevel = key.split('.', 1)[0];
  return changed.has(key) || changed.has(topLevel);
}

function renderRow(row: FieldRow, changed: ReadonlySet<string>, context: SectionContext): SafeHtml {
  const classes = ['field', row.known ? 'known' : 'extra', isChanged(row.key, changed) ? 'changed' : ''].filter(Boolean).join(' ');
  const detail = row.detail !== undefined ? html` <span class="detail">${displayText(row.detail, context.l10n)}</span>` : undefined;
  const warning =
    row.warning !== undefined
      ? html` <span class="warning" title="${attributeText(row.warning)}">⚠ ${displayText(row.warning, context.l10n)}</span>`
      : undefined;
  const title = row.title !== undefined ? attributeText(row.title) : undefined;
  return html`<tr class="${classes}"><th scope="row" title="${attributeText(row.key)}">${displayText(row.label, context.l10n, 200)}</th><td><span class="value kind-${row.kind}"${title !== undefined ? html` title="${title}"` : undefined}>${displayText(row.text, context.l10n)}</span>${detail}${warning}</td></tr>`;
}

export function renderFieldTable(
  rows: readonly FieldRow[],
  changed: ReadonlySet<string>,
  context: SectionContext,
  extrasHeading?: string,
): SafeHtml {
  const parts: SafeHtml[] = [];
  let extrasStarted = false;
  for (const row of rows) {
    if (!row.known && !extrasStarted && extrasHeading !== undefined) {
      extrasStarted = true;
      parts.push(html`<tr class="group"><th colspan="2" scope="rowgroup">${extrasHeading}</th></tr>`);
    }
    parts.push(renderRow(row, changed, context));
  }
  return html`<table class="fields"><tbody>${joinHtml(parts)}</tbody></table>`;
}
