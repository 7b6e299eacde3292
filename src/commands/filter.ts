// "Filter…": a query in the NCX `q` syntax, checked with the same parser the server uses while the
// user types, so a mistake is pointed at before anything is sent.
import { unknownQueryFields } from '../api/queryFields';
import { validateQuery } from '../api/queryBuilder';
import { l10n } from '../ui/l10n';
import type { CommandContext } from './context';
import type { CommandHandler } from './handler';
import { rowConnectionOf } from './connections';
import { ours, shown, type Shown } from '../model/format/shownText';

/** Why the text is not a query the server would accept, or undefined when it is. */
export function filterProblem(text: string): Shown | undefined {
  const check = validateQuery(text);
  // The message quotes what was typed, which may be pasted from anywhere.
  return check.ok ? undefined : shown(check.message);
}

/**
 * A field the extension does not know is still sent (a tenant may have fields we don't), but a typo
 * would only show as an empty tree: say so, with the nearest known field.
 */
export function unknownFieldWarning(text: string): Shown | undefined {
  const unknown = unknownQueryFields(text);
  const [first] = unknown;
  if (first === undefined) {
    return undefined;
  }
  if (unknown.length === 1) {
    return l10n.t(
      'The filter names a field this extension does not know: {0} (did you mean {1}?). It was applied as typed, in case your tenant has such a field.',
      first.name,
      first.nearest,
    );
  }
  return l10n.t(
    'The filter names fields this extension does not know: {0}. It was applied as typed, in case your tenant has such fields.',
    unknown.map((field) => l10n.t('{0} (did you mean {1}?)', field.name, field.nearest)).join(', '),
  );
}

function warnOfUnknownFields(ctx: CommandContext, text: string): void {
  const warning = unknownFieldWarning(text);
  if (warning !== undefined) {
    void ctx.ui.warn(warning);
  }
}

export function filterCommand(ctx: CommandContext): CommandHandler {
  return async (arg?: unknown) => {
    // Run on a connection's row: that connection's filter; from the palette or the view's title, the one in use's.
    const tenant = rowConnectionOf(arg);
    const text = await ctx.ui.input({
      title: tenant === undefined ? l10n.t('Filter Workitems') : l10n.t('Filter Workitems of {0}', tenant),
      prompt: l10n.t('A query such as state:active AND channelType:voice, or priority:>=4. Empty shows everything.'),
      placeholder: ours('state:hold AND selectedQueue:q_support'),
      value: ctx.tree.currentFilter(tenant) ?? '',
      validate: filterProblem,
    });
    if (text === undefined) {
      return;
    }
    // The box validated already; checked again because a fake or an older VS Code may not.
    const problem = filterProblem(text);
    if (problem) {
      void ctx.ui.warn(l10n.t('The filter was not applied: {0}', problem));
      return;
    }
    if (text.trim() === '') {
      ctx.tree.clearFilter(tenant);
    } else {
      ctx.tree.setFilter(text.trim(), tenant);
      warnOfUnknownFields(ctx, text);
    }
  };
}
