// Which tree-item contextValues a `view/item/context` menu's `when` clause can match. VS Code
// offers no API to evaluate a when clause, so this reads the `viewItem` comparisons it contains:
// `viewItem == value` and `viewItem =~ /regex/flags`; `viewItem != value` is not a reason to show.

export interface ViewItemCondition {
  /** The tree the clause is restricted to by `view == id`, if any. */
  readonly view?: string;
  readonly matches: (contextValue: string) => boolean;
}

const VIEW_EQUALS = /\bview\s*==\s*'?([\w.-]+)'?/;
const VIEW_ITEM_EQUALS = /\bviewItem\s*==\s*'?([\w.:-]+)'?/g;
const VIEW_ITEM_REGEX = /\bviewItem\s*=~\s*\/((?:\\\/|[^/])+)\/([a-z]*)/g;

export function parseViewItemCondition(when: string): ViewItemCondition {
  const exact = [...when.matchAll(VIEW_ITEM_EQUALS)].map((match) => match[1]);
  const patterns = [...when.matchAll(VIEW_ITEM_REGEX)].map((match) => new RegExp(match[1].replace(/\\\//g, '/'), match[2]));
  return {
    view: VIEW_EQUALS.exec(when)?.[1],
    matches: (contextValue) => exact.includes(contextValue) || patterns.some((pattern) => pattern.test(contextValue)),
  };
}

/** True when some menu item of `menus` shows for a row of `viewId` with this contextValue. */
export function isContextValueMatched(contextValue: string, viewId: string, whenClauses: readonly string[]): boolean {
  return whenClauses
    .map(parseViewItemCondition)
    .some((condition) => (condition.view === undefined || condition.view === viewId) && condition.matches(contextValue));
}
