// A loopback relay in front of a sandbox that plays a hostile NCX server: the token it hands out is
// an unsigned JWT whose `sub` is link-and-icon syntax, the workitems and queues it answers carry
// the same kind of text in their names, and it refuses every Hold with a 409 whose message is a
// command link. The relay keeps the sandbox's real token for itself and swaps it in on the way.
// It runs in the UI check's own process (no vscode import).
import { randomBytes } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { decodeToken } from '../../src/api/token';

export const HOSTILE_SUB = '$(zap) [Open terminal](command:workbench.action.terminal.new) ![x](https://example.invalid/x.png) <img src=x>';
export const HOSTILE_CONTACT = '$(zap) [Open terminal](command:workbench.action.terminal.new)';
export const HOSTILE_QUEUE = '$(zap) [Queue link](command:workbench.action.terminal.new)';
export const HOSTILE_REFUSAL = '[Open terminal](command:workbench.action.terminal.new) $(zap)';

export interface HostileRelay {
  readonly url: string;
  /** How many Holds it refused. */
  readonly refusals: () => number;
  stop(): Promise<void>;
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** The sandbox's token, re-issued unsigned with the hostile `sub` and the same permissions and times. */
function hostileToken(realToken: string): string {
  const decoded = decodeToken(realToken);
  if (decoded.status !== 'decoded') {
    throw new Error(`the sandbox's token is not a readable JWT: ${decoded.reason}`);
  }
  return [base64url({ alg: 'none', typ: 'JWT' }), base64url({ ...decoded.claims, sub: HOSTILE_SUB }), randomBytes(6).toString('hex')].join('.');
}

function hostileWorkitem(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) {
    return item;
  }
  const workitem = item as Record<string, unknown>;
  const contact = typeof workitem.contact === 'object' && workitem.contact !== null ? workitem.contact : {};
  return {
    ...workitem,
    contact: { ...contact, firstName: HOSTILE_CONTACT, lastName: undefined, company: undefined },
    ...(typeof workitem.selectedQueue === 'string' ? { selectedQueue: HOSTILE_QUEUE } : {}),
  };
}

function hostileQueue(item: unknown): unknown {
  if (typeof item !== 'object' || item === null) {
    return item;
  }
  return { ...(item as Record<string, unknown>), name: HOSTILE_QUEUE, description: HOSTILE_REFUSAL };
}

/** The answer's JSON with the hostile words put in, by the path that was asked. */
function rewrite(path: string, body: Record<string, unknown>, relayUrl: string, tokens: Map<string, string>): Record<string, unknown> {
  const answer = { ...body };
  if (typeof answer.token === 'string') {
    const fake = hostileToken(answer.token);
    tokens.set(fake, answer.token);
    answer.token = fake;
  }
  if (typeof answer.location === 'string') {
    answer.location = relayUrl;
  }
  const objects = Array.isArray(answer.objects) ? answer.objects : undefined;
  if (path.startsWith('/data/api/types/workitem') && objects) {
    answer.objects = objects.map(hostileWorkitem);
  } else if (path.startsWith('/data/api/types/queue') && objects) {
    answer.objects = objects.map(hostileQueue);
  } else if (path.startsWith('/users/api/workitems/')) {
    return hostileWorkitem(answer) as Record<string, unknown>;
  }
  return answer;
}

export async function startHostileRelay(target: string): Promise<HostileRelay> {
  const targetUrl = new URL(target);
  const tokens = new Map<string, string>();
  let refusals = 0;
  let relayUrl = '';
  const server = http.createServer((incoming, outgoing) => {
    const path = incoming.url ?? '/';
    if (incoming.method === 'POST' && /^\/users\/api\/calls\/[^/]+\/hold$/.test(path)) {
      refusals += 1;
      incoming.resume();
      outgoing.writeHead(409, { 'Content-Type': 'application/json' });
      outgoing.end(JSON.stringify({ code: 409, message: HOSTILE_REFUSAL }));
      return;
    }
    const headers = { ...incoming.headers };
    const bearer = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    const real = bearer === undefined ? undefined : tokens.get(bearer);
    if (real !== undefined) {
      headers.authorization = `Bearer ${real}`;
    }
    delete headers['accept-encoding'];
    const forwarded = http.request({ host: targetUrl.hostname, port: targetUrl.port, path, method: incoming.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        if (String(answer.headers['content-type'] ?? '').includes('json')) {
          try {
            const parsed: unknown = JSON.parse(body.toString('utf8'));
            if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) {
              body = Buffer.from(JSON.stringify(rewrite(path, parsed as Record<string, unknown>, relayUrl, tokens)));
            }
          } catch {
            // Not JSON after all: passed on as it came.
          }
        }
        const answerHeaders = { ...answer.headers, 'content-length': String(body.length) };
        delete answerHeaders['transfer-encoding'];
        outgoing.writeHead(answer.statusCode ?? 502, answerHeaders);
        outgoing.end(body);
      });
    });
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  relayUrl = `http://127.0.0.1:${port}`;
  return {
    url: relayUrl,
    refusals: () => refusals,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
