// A test that does not run proves nothing, and a CI run that reports "11 pending" passes all the same.
// So a test skips only through `skipWithReason`, which prints why and says whether that reason can
// hold on CI (where .ci/run installs the harness, Chromium included, and builds before the tests). Under
// `CI=true` a root hook fails the run for every pending test without such a reason.
// Loaded by mocha through `.mocharc.json` (`require`), as a root hook plugin.
import type { Context, Runnable, Suite, Test } from 'mocha';

interface SkipReason {
  reason: string;
  /** True only when the reason can hold on a CI machine prepared by .ci/run. */
  appliesOnCi: boolean;
}

const reasons = new Map<Suite | Runnable, SkipReason>();

function onCi(): boolean {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** Prints `reason` and skips the current test (or, from a `before` hook, its suite). */
export function skipWithReason(context: Context, reason: string, appliesOnCi: boolean): never {
  // From a hook, `currentTest` is the suite's first test, but the skip covers the whole suite.
  const runnable = context.test;
  const isHook = (runnable as { type?: string } | undefined)?.type === 'hook';
  const key = isHook ? runnable?.parent : runnable;
  if (key) reasons.set(key, { reason, appliesOnCi });
  console.log(`      skipped: ${reason}`);
  context.skip();
}

function excuse(test: Test): SkipReason | undefined {
  for (let node: Suite | Runnable | undefined = test; node; node = node.parent) {
    const found = reasons.get(node);
    if (found) return found;
  }
  return undefined;
}

function allTests(suite: Suite): Test[] {
  return [...suite.tests, ...suite.suites.flatMap(allTests)];
}

/** The pending tests of `root` that CI may not accept, each with why. */
export function unexcusedPending(root: Suite, ci: boolean): string[] {
  return allTests(root)
    .filter((test) => test.isPending())
    .flatMap((test) => {
      const why = excuse(test);
      if (why === undefined) return [`${test.fullTitle()}: pending without a printed reason`];
      if (ci && !why.appliesOnCi) return [`${test.fullTitle()}: ${why.reason} (cannot be so on CI)`];
      return [];
    });
}

export const mochaHooks = {
  afterAll(this: Context): void {
    if (!onCi()) return;
    const root = this.test?.parent;
    if (!root) return;
    const problems = unexcusedPending(root, true);
    if (problems.length > 0) {
      throw new Error(`CI=true: ${problems.length} test(s) did not run:\n  ${problems.join('\n  ')}`);
    }
  },
};
