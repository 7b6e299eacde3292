// A loopback relay in front of a sandbox that keeps the session tokens its answers carry, so a test
// can look for the real token string the extension was given. It runs in the test's own process
// (no vscode import: the UI check uses it too).
import * as http from 'http';
import type { AddressInfo } from 'net';
import { z } from 'zod';

const TokenBodySchema = z.looseObject({ token: z.string().min(1) });

/** Forwards every request to the sandbox and keeps the tokens its answers carry. */
export interface TokenRecordingRelay {
  readonly url: string;
  readonly tokens: readonly string[];
  stop(): Promise<void>;
}

export async function startTokenRecordingRelay(target: string): Promise<TokenRecordingRelay> {
  const tokens: string[] = [];
  const targetUrl = new URL(target);
  const server = http.createServer((incoming, outgoing) => {
    const forwarded = http.request(
      { host: targetUrl.hostname, port: targetUrl.port, path: incoming.url, method: incoming.method, headers: incoming.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.concat(chunks);
          try {
            const parsed = TokenBodySchema.safeParse(JSON.parse(body.toString('utf8')));
            if (parsed.success) {
              tokens.push(parsed.data.token);
            }
          } catch {
            // Not JSON: nothing to record.
          }
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          outgoing.end(body);
        });
      },
    );
    forwarded.on('error', () => {
      outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tokens,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
