// What each benchmark reports: one row per target, with the figure, the target, the comparison
// measured in the same run, and a verdict. The runner prints them as one table at the end and
// exits non-zero when any target was missed.

export type Verdict = 'met' | 'missed' | 'not measured';

export interface BenchResult {
  /** Which benchmark, e.g. `1 tree first paint`. */
  readonly bench: string;
  /** What was measured, with its value, e.g. `first paint median 8.1 ms`. */
  readonly figure: string;
  readonly target: string;
  /** The comparison measured in the same run, e.g. `naive walk 41 s (5,100×)`. */
  readonly comparison: string;
  readonly verdict: Verdict;
  /** Why a target was missed or not measured, and what would fix it. */
  readonly note?: string;
}

export function verdictOf(met: boolean): Verdict {
  return met ? 'met' : 'missed';
}

/** Prints a line of a benchmark's own output, indented under its heading. */
export function say(line: string): void {
  console.log(`  ${line}`);
}

export function heading(title: string): void {
  console.log(`\n== ${title}`);
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

/** The closing table; long cells wrap onto continuation lines so it stays readable in a terminal. */
export function printSummary(results: readonly BenchResult[]): void {
  const columns: Array<{ title: string; width: number; cell: (result: BenchResult) => string }> = [
    { title: 'benchmark', width: 22, cell: (result) => result.bench },
    { title: 'figure', width: 44, cell: (result) => result.figure },
    { title: 'target', width: 22, cell: (result) => result.target },
    { title: 'comparison', width: 44, cell: (result) => result.comparison },
    { title: 'verdict', width: 12, cell: (result) => result.verdict.toUpperCase() },
  ];
  const wrap = (text: string, width: number): string[] => {
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      if (current !== '' && current.length + 1 + word.length > width) {
        lines.push(current);
        current = word;
      } else {
        current = current === '' ? word : `${current} ${word}`;
      }
    }
    lines.push(current);
    return lines;
  };
  const rule = columns.map((column) => '-'.repeat(column.width)).join('-+-');
  console.log('\n== Summary');
  console.log(columns.map((column) => pad(column.title, column.width)).join(' | '));
  console.log(rule);
  for (const result of results) {
    const cells = columns.map((column) => wrap(column.cell(result), column.width));
    const height = Math.max(...cells.map((lines) => lines.length));
    for (let line = 0; line < height; line++) {
      console.log(cells.map((lines, index) => pad(lines[line] ?? '', columns[index].width)).join(' | '));
    }
  }
  console.log(rule);
  const notes = results.filter((result) => result.note !== undefined && result.verdict !== 'met');
  for (const result of notes) {
    console.log(`* ${result.bench} (${result.verdict}): ${result.note ?? ''}`);
  }
  const missed = results.filter((result) => result.verdict !== 'met').length;
  console.log(`\n${results.length - missed} of ${results.length} targets met${missed > 0 ? `, ${missed} missed or not measured` : ''}.`);
}
