// Carries out one fault rule on a live response: wait, then drop the connection, hang after the
// headers, answer with an injected status, or let the real answer through (possibly cut in half).
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultRule } from '../contracts';

export type FaultOutcome =
  | { kind: 'answered' }
  | { kind: 'proceed'; truncate: boolean; headers: Record<string, string> };

function injectedBody(rule: FaultRule, status: number): string {
  return rule.body ?? JSON.stringify({ code: 'injected', message: `Injected fault: status ${status}.` });
}

/** `signal` aborts a pending delay when the sandbox stops; the promise then rejects. */
export async function enactFault(rule: FaultRule, response: ServerResponse, signal: AbortSignal): Promise<FaultOutcome> {
  if (rule.delayMs) {
    await delay(rule.delayMs, undefined, { signal });
  }
  const headers = rule.headers ?? {};
  if (rule.mode === 'reset') {
    response.socket?.resetAndDestroy();
    return { kind: 'answered' };
  }
  if (rule.mode === 'hang') {
    response.writeHead(rule.status ?? 200, { ...headers, 'Content-Type': rule.contentType ?? 'application/json' });
    response.flushHeaders();
    return { kind: 'answered' };
  }
  if (rule.status !== undefined) {
    const payload = Buffer.from(injectedBody(rule, rule.status), 'utf8');
    response.writeHead(rule.status, {
      ...headers,
      'Content-Type': rule.contentType ?? 'application/json',
      'Content-Length': String(payload.length),
    });
    if (rule.mode === 'truncate') {
      response.write(payload.subarray(0, Math.floor(payload.length / 2)), () => response.destroy());
    } else {
      response.end(payload);
    }
    return { kind: 'answered' };
  }
  return { kind: 'proceed', truncate: rule.mode === 'truncate', headers };
}
