// @ts-check
'use strict';
// The door of `npm start`'s browser VS Code. code-server serves a terminal as the user who started
// it, and on a shared machine any local user can reach a loopback port; so code-server listens on a
// Unix socket in a folder only its owner can enter, and this gateway, on loopback, passes on only
// requests that carry a secret made at start: once as `?tkn=` in the printed URL (answered with a
// redirect that trades it for an HttpOnly, SameSite=Strict cookie, so the secret leaves the address
// bar and the history), then as that cookie. Anything else gets an empty 403. WebSocket upgrades
// are checked the same way.
const crypto = require('crypto');
const http = require('http');
const net = require('net');

const TOKEN_PARAM = 'tkn';

/** @returns {string} a fresh secret, 256 bits, URL-safe */
function makeSecret() {
  return crypto.randomBytes(32).toString('base64url');
}

/** @param {string | undefined} given @param {string} secret */
function sameSecret(given, secret) {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** @param {string | undefined} header @param {string} name */
function cookieValue(header, name) {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * @param {{ socketPath: string, secret: string, port?: number }} options
 * @returns {Promise<{ baseUrl: string, port: number, cookieName: string, url: (pathAndQuery: string) => string, close: () => Promise<void> }>}
 */
async function startAuthGateway({ socketPath, secret, port = 0 }) {
  let cookieName = 'workitem-start';
  /** @param {http.IncomingMessage} request */
  const hasCookie = (request) => sameSecret(cookieValue(request.headers.cookie, cookieName), secret);

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://gateway');
    const token = url.searchParams.get(TOKEN_PARAM);
    if (token !== null) {
      if (!sameSecret(token, secret)) return refuse(response);
      url.searchParams.delete(TOKEN_PARAM);
      response.writeHead(303, {
        location: `${url.pathname}${url.search}`,
        'set-cookie': `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
      });
      response.end();
      return;
    }
    if (!hasCookie(request)) return refuse(response);
    const upstream = http.request(
      { socketPath, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
    request.pipe(upstream);
  });

  server.on('upgrade', (request, socket, head) => {
    if (!hasCookie(request)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      return;
    }
    const upstream = net.connect(socketPath, () => {
      const lines = [`${request.method} ${request.url} HTTP/${request.httpVersion}`];
      for (let i = 0; i < request.rawHeaders.length; i += 2) {
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  // Cookies are not told apart by port: one per gateway, so two starts do not overwrite each other.
  cookieName = `workitem-start-${boundPort}`;
  const baseUrl = `http://127.0.0.1:${boundPort}`;
  return {
    baseUrl,
    port: boundPort,
    cookieName,
    url: (pathAndQuery) => {
      const target = new URL(pathAndQuery, baseUrl);
      target.searchParams.set(TOKEN_PARAM, secret);
      return target.toString();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}

/** @param {http.ServerResponse} response */
function refuse(response) {
  response.writeHead(403, { 'content-length': '0', connection: 'close' });
  response.end();
}

module.exports = { startAuthGateway, makeSecret, TOKEN_PARAM };
