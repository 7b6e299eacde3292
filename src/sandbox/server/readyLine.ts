// The line the CLI prints once it listens; the child-process launcher waits for it.

export const READY_PREFIX = 'NCX sandbox listening on ';

export function readyLine(url: string): string {
  return `${READY_PREFIX}${url}`;
}

/** The URL of a ready line, or undefined for any other output line. */
export function urlOfReadyLine(line: string): string | undefined {
  const match = /NCX sandbox listening on (https?:\/\/127\.\d{1,3}\.\d{1,3}\.\d{1,3}:\d+)/.exec(line);
  return match?.[1];
}
