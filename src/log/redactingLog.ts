// A log that cuts out, verbatim, the secrets the extension currently holds (the session token),
// on top of the pattern-based `redact`: a token in an unexpected shape is still caught.
import type { Log } from './log';
import { redact } from './redact';

export interface SecretAwareLog extends Log {
  /** Registers a value that must never be printed; returns its remover. */
  addSecret(secret: string): () => void;
}

export function createRedactingLog(sink: Log): SecretAwareLog {
  const secrets = new Set<string>();
  const clean = (message: string): string => redact(message, secrets);
  return {
    trace: (message) => sink.trace(clean(message)),
    debug: (message) => sink.debug(clean(message)),
    info: (message) => sink.info(clean(message)),
    warn: (message) => sink.warn(clean(message)),
    error: (message) => sink.error(clean(message)),
    addSecret(secret) {
      secrets.add(secret);
      return () => {
        secrets.delete(secret);
      };
    },
  };
}
