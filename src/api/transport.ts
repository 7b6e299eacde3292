// Where requests travel: one long-lived keep-alive agent per origin, so a connection (and its TLS
// handshake) serves many requests, directly or through an HTTP proxy's CONNECT tunnel, trusting
// the default roots plus whatever certificates the settings add.
//
// Requests are made with `new ClientRequest(url, { agent })` rather than `http(s).request`: inside
// VS Code, `@vscode/proxy-agent` patches `request`/`get` of the http and https modules and, for a
// remote host, replaces the caller's agent with its own, built without keep-alive and sending
// `Connection: close` (microsoft/vscode#228872). So this module reads VS Code's proxy and
// certificate settings itself (see src/connection/networkSettings.ts) and applies them here.
import { ClientRequest, Agent as HttpAgent, type AgentOptions, type ClientRequestArgs } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions, type RequestOptions } from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import type { Duplex } from 'node:stream';

export interface TransportSettings {
  /** `http://host:port` of an HTTP proxy (CONNECT), or undefined to connect directly. */
  proxy?: string;
  /** Hosts reached directly even with a proxy: `example.com`, `.example.com`, `*.example.com`, `host:port`. */
  noProxy?: readonly string[];
  /** PEM certificates trusted besides the default roots (a tenant's TLS-inspecting gateway). */
  extraCa?: readonly string[];
  /** Also trust the operating system's store, where this Node can read it (`tls.getCACertificates`). */
  systemCertificates?: boolean;
}

/** Idle connections are closed after this long, before a typical server's keep-alive timeout. */
const IDLE_MS = 4_000;
/**
 * Parallel connections per origin: a first paint's counts (8 states, "other" and the probe of the
 * change feed) in one wave, as many as the tree model lets run at once (its request limiter).
 */
const MAX_SOCKETS = 12;

const AGENT_OPTIONS: AgentOptions = {
  keepAlive: true,
  keepAliveMsecs: 1_000,
  maxSockets: MAX_SOCKETS,
  maxFreeSockets: MAX_SOCKETS,
  timeout: IDLE_MS,
  // The most recently used connection first: the others time out and close while quiet.
  scheduling: 'lifo',
};

type ConnectCallback = (error: Error | null, stream: Duplex) => void;

/** Node's agents ignore the stream when an error is passed. */
const NO_STREAM = null as unknown as Duplex;

/** Opens a CONNECT tunnel through `proxy` to `host:port`. */
function tunnel(proxy: URL, host: string, port: number, callback: (error: Error | null, socket?: net.Socket) => void): void {
  const headers: Record<string, string> = { host: `${host}:${port}`, connection: 'keep-alive' };
  if (proxy.username || proxy.password) {
    const credentials = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    headers['proxy-authorization'] = `Basic ${Buffer.from(credentials).toString('base64')}`;
  }
  const connect = new ClientRequest({
    method: 'CONNECT',
    host: proxy.hostname,
    port: Number(proxy.port || 80),
    path: `${host}:${port}`,
    headers,
    setHost: false,
    agent: false,
  });
  connect.once('connect', (response, socket) => {
    if (response.statusCode === 200) {
      callback(null, socket);
    } else {
      socket.destroy();
      callback(
        Object.assign(new Error(`The proxy ${proxy.host} refused a tunnel to ${host}:${port} (HTTP ${response.statusCode ?? '?'})`), {
          code: 'EPROXYREFUSED',
        }),
      );
    }
  });
  connect.once('error', (error) => callback(error));
  connect.end();
}

class TunnelHttpsAgent extends HttpsAgent {
  constructor(
    private readonly proxy: URL,
    options: HttpsAgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions, callback?: ConnectCallback): Duplex | null | undefined {
    const host = options.host ?? 'localhost';
    tunnel(this.proxy, host, Number(options.port ?? 443), (error, raw) => {
      if (error || !raw) {
        callback?.(error ?? new Error('no tunnel'), NO_STREAM);
        return;
      }
      const secure = tls.connect({
        ...(options as tls.ConnectionOptions),
        socket: raw,
        servername: options.servername ?? (net.isIP(host) ? undefined : host),
      });
      const onError = (tlsError: Error): void => callback?.(tlsError, NO_STREAM);
      secure.once('error', onError);
      secure.once('secureConnect', () => {
        secure.off('error', onError);
        callback?.(null, secure);
      });
    });
    return undefined;
  }
}

class TunnelHttpAgent extends HttpAgent {
  constructor(
    private readonly proxy: URL,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: ClientRequestArgs, callback?: ConnectCallback): Duplex | null | undefined {
    tunnel(this.proxy, options.host ?? 'localhost', Number(options.port ?? 80), (error, raw) =>
      callback?.(error, raw ?? NO_STREAM),
    );
    return undefined;
  }
}

/**
 * This machine's own names, which no proxy can reach for us (a proxy's localhost is its own): the
 * local sandbox is always reached directly. The same names VS Code's proxy support leaves alone;
 * another loopback address (127.0.0.2) is treated as any remote host, as VS Code does.
 */
function isThisMachine(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

function matchesNoProxy(url: URL, rules: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return rules.some((raw) => {
    const rule = raw.trim().toLowerCase();
    if (rule === '') return false;
    if (rule === '*') return true;
    const [ruleHost = '', rulePort] = rule.startsWith('[') ? [rule] : rule.split(':');
    if (rulePort !== undefined && rulePort !== port) return false;
    const bare = ruleHost.replace(/^\*?\./, '');
    return host === bare || host.endsWith(`.${bare}`);
  });
}

/** The trusted roots for the settings, or undefined for Node's defaults. */
function trustedRoots(settings: TransportSettings): string[] | undefined {
  const extra = settings.extraCa ?? [];
  const system = settings.systemCertificates ? systemCertificates() : [];
  if (extra.length === 0 && system.length === 0) {
    return undefined;
  }
  // `ca` replaces the defaults, so they (and NODE_EXTRA_CA_CERTS, where readable) are listed too.
  return [...defaultCertificates(), ...system, ...extra];
}

type CaReader = (kind: 'default' | 'system' | 'extra') => string[];

function caReader(): CaReader | undefined {
  const read = (tls as unknown as { getCACertificates?: CaReader }).getCACertificates;
  return typeof read === 'function' ? read : undefined;
}

function defaultCertificates(): string[] {
  const read = caReader();
  return read ? read('default') : [...tls.rootCertificates];
}

function systemCertificates(): string[] {
  try {
    return caReader()?.('system') ?? [];
  } catch {
    return [];
  }
}

export class Transport {
  private settings: TransportSettings = {};

  /** The settings in force. */
  get current(): TransportSettings {
    return this.settings;
  }
  private readonly agents = new Map<string, HttpAgent>();
  /**
   * The trusted roots parsed once per settings, `null` for Node's defaults: parsing them costs
   * about 45 ms (140 roots) on the event loop, which a first paint after `closeAll` (a network
   * change, a new sign-in) would otherwise pay again before its first byte.
   */
  private secureContext: tls.SecureContext | null | undefined;

  /** Applies new settings; connections made under the old ones close once idle. */
  configure(settings: TransportSettings): void {
    this.settings = { ...settings };
    this.secureContext = undefined;
    this.closeAll();
  }

  /** The keep-alive agent for `url`'s origin, made on first use. */
  agentFor(url: URL): HttpAgent {
    const proxy = this.proxyFor(url);
    const key = `${url.protocol}//${url.host}|${proxy?.href ?? 'direct'}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.makeAgent(url, proxy);
      this.agents.set(key, agent);
    }
    return agent;
  }

  /**
   * What a WebSocket client (`ws`) needs to reach `url` (ws: or wss:) the way requests do: the
   * same agent (direct or through the proxy's tunnel, trusting the same roots) and, for wss:, the
   * roots as `ca` too. `ws` makes its request with `https.request`, which VS Code's proxy support
   * patches: for a remote host it replaces the agent with its own (honouring `http.proxy` itself)
   * and keeps only a `ca` given with the request, so without it a tenant behind a gateway's CA
   * could never open its events socket.
   */
  socketOptions(url: URL): { agent: HttpAgent; ca?: string[] } {
    const http = new URL(url.href);
    http.protocol = url.protocol === 'wss:' ? 'https:' : 'http:';
    const ca = http.protocol === 'https:' ? trustedRoots(this.settings) : undefined;
    return { agent: this.agentFor(http), ...(ca ? { ca } : {}) };
  }

  /** Closes every connection (the next request opens a new one). */
  closeAll(): void {
    for (const agent of this.agents.values()) agent.destroy();
    this.agents.clear();
  }

  private proxyFor(url: URL): URL | undefined {
    const { proxy, noProxy = [] } = this.settings;
    if (!proxy || isThisMachine(url) || matchesNoProxy(url, noProxy)) return undefined;
    try {
      const parsed = new URL(proxy.includes('://') ? proxy : `http://${proxy}`);
      return parsed.protocol === 'http:' ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  private trustedContext(): tls.SecureContext | null {
    if (this.secureContext === undefined) {
      const ca = trustedRoots(this.settings);
      this.secureContext = ca ? tls.createSecureContext({ ca }) : null;
    }
    return this.secureContext;
  }

  private makeAgent(url: URL, proxy: URL | undefined): HttpAgent {
    if (url.protocol !== 'https:') {
      return proxy ? new TunnelHttpAgent(proxy, AGENT_OPTIONS) : new HttpAgent(AGENT_OPTIONS);
    }
    // One secure context for every connection (and every agent) under these settings: given `ca`
    // instead, each new connection parses the whole list of roots again, so a first paint's
    // parallel connections would queue behind each other's parsing.
    const secureContext = this.trustedContext();
    const options: HttpsAgentOptions = { ...AGENT_OPTIONS, ...(secureContext ? { secureContext } : {}) };
    return proxy ? new TunnelHttpsAgent(proxy, options) : new HttpsAgent(options);
  }
}

/** The process's transport: the extension configures it from VS Code's settings at activation. */
export const sharedTransport = new Transport();
