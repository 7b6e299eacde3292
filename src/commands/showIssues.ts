// The tree's "n workitems failed validation" row: which fields of which workitems did not match the
// schema. A workitem with a readable id opens in its detail panel (raw JSON beside the issues);
// the rest are listed in a Markdown document.
import type { ValidationIssue } from '../api/workitemsApi';
import * as z from '../api/zodMini';
import { l10n } from '../ui/l10n';
import type { PickItem } from '../ui/ui';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { shown } from '../model/format/shownText';

const ValidationIssueSchema = z.object({
  workitemId: z.string(),
  path: z.string(),
  expected: z.string(),
  received: z.string(),
});
const IssuesCarrierSchema = z.object({ issues: z.array(ValidationIssueSchema) });

/** The issues an issues row carries (directly or on its model node), or an issue list itself. */
export function issuesOf(arg: unknown): ValidationIssue[] {
  const candidates: unknown[] = [arg];
  if (typeof arg === 'object' && arg !== null) {
    candidates.push(...Object.values(arg));
  }
  for (const candidate of candidates) {
    const list = z.array(ValidationIssueSchema).safeParse(candidate);
    if (list.success && list.data.length > 0) {
      return list.data;
    }
    const carrier = IssuesCarrierSchema.safeParse(candidate);
    if (carrier.success) {
      return carrier.data.issues;
    }
  }
  return [];
}

/** Positions (`#3`) stand in for workitems whose id itself was unreadable. */
function hasReadableId(workitemId: string): boolean {
  return !workitemId.startsWith('#');
}

export function issuesMarkdown(issues: readonly ValidationIssue[]): string {
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const rows = issues.map(
    (issue) => `| ${cell(issue.workitemId)} | \`${cell(issue.path)}\` | ${cell(issue.expected)} | ${cell(issue.received)} |`,
  );
  return [
    `# ${l10n.t('Workitems left out because they did not match the schema')}`,
    '',
    `| ${l10n.t('Workitem')} | ${l10n.t('Field')} | ${l10n.t('Expected')} | ${l10n.t('Received')} |`,
    '|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

export function showIssuesCommand(ctx: CommandContext): CommandHandler {
  return async (node) => {
    const issues = issuesOf(node);
    if (issues.length === 0) {
      void ctx.ui.info(l10n.t('No validation issues to show.'));
      return;
    }
    const byWorkitem = new Map<string, ValidationIssue[]>();
    for (const issue of issues) {
      byWorkitem.set(issue.workitemId, [...(byWorkitem.get(issue.workitemId) ?? []), issue]);
    }
    const readable = [...byWorkitem.keys()].filter(hasReadableId);
    if (readable.length === 0) {
      await ctx.ui.showText(issuesMarkdown(issues), 'markdown');
      return;
    }
    let chosen: string | undefined = readable.length === 1 && byWorkitem.size === 1 ? readable[0] : undefined;
    if (chosen === undefined) {
      const everything = '\u0000all';
      const items: Array<PickItem<string>> = [
        ...readable.map((id) => ({
          label: shown(id),
          description: l10n.t('{0} issue(s)', byWorkitem.get(id)?.length ?? 0),
          detail: shown(byWorkitem.get(id)?.map((issue) => issue.path).join(', ') ?? ''),
          value: id,
        })),
        { label: l10n.t('All issues as a document'), value: everything },
      ];
      chosen = await ctx.ui.pick(items, { title: l10n.t('Validation Issues'), placeholder: l10n.t('Which workitem?') });
      if (chosen === everything) {
        await ctx.ui.showText(issuesMarkdown(issues), 'markdown');
        return;
      }
    }
    if (chosen !== undefined) {
      await ctx.panels.open(chosen, byWorkitem.get(chosen) ?? []);
    }
  };
}
