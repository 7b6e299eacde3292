// The "Workitem Inspector" log output channel (a LogOutputChannel, so VS Code adds timestamps and
// levels and the user picks the level). Lines reach it only through `createRedactingLog`.
import * as vscode from 'vscode';
import type { Log } from './log';
import { createRedactingLog, type SecretAwareLog } from './redactingLog';

export const LOG_CHANNEL_NAME = 'Workitem Inspector';

export interface ExtensionLog extends SecretAwareLog, vscode.Disposable {
  /** Reveals the channel ("Show Log"). */
  show(): void;
  /** The channel itself, for parts typed against LogOutputChannel (they log no secrets). */
  readonly channel: vscode.LogOutputChannel;
}

/** `mask` rewrites every line before it is written (privacy mode). */
export function createOutputChannelLog(mask: (message: string) => string = (message) => message): ExtensionLog {
  const channel = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  const sink: Log = {
    trace: (message) => channel.trace(mask(message)),
    debug: (message) => channel.debug(mask(message)),
    info: (message) => channel.info(mask(message)),
    warn: (message) => channel.warn(mask(message)),
    error: (message) => channel.error(mask(message)),
  };
  return {
    ...createRedactingLog(sink),
    show: () => channel.show(true),
    channel,
    dispose: () => channel.dispose(),
  };
}
