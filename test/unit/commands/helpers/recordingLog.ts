// A log that keeps every line, with the same redaction the extension's output channel applies.
import type { Log } from '../../../../src/log/log';
import { createRedactingLog, type SecretAwareLog } from '../../../../src/log/redactingLog';

export interface RecordingLog extends SecretAwareLog {
  readonly lines: string[];
}

export function recordingLog(): RecordingLog {
  const lines: string[] = [];
  const sink: Log = {
    trace: (message) => lines.push(`trace ${message}`),
    debug: (message) => lines.push(`debug ${message}`),
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
    error: (message) => lines.push(`error ${message}`),
  };
  return { ...createRedactingLog(sink), lines };
}
