// One workitem as the cells of chosen columns, the same for the results table and the CSV export:
// dotted names reach into nested objects, objects and arrays become JSON text, missing is empty.

export function valueAt(item: unknown, column: string): unknown {
  let current: unknown = item;
  for (const part of column.split('.')) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

export function cellText(value: unknown): string {
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value === 'string') {
    return value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

export function rowCells(item: unknown, columns: readonly string[]): string[] {
  return columns.map((column) => cellText(valueAt(item, column)));
}
