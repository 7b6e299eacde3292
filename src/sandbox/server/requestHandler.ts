// The sandbox's request pipeline: fault injection, routing, authentication, the handler, and one
// place where every failure becomes a `{code, message}` answer.
import { conversationRoutes } from './routes/conversationRoutes';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { enactFault, type FaultOutcome } from '../faults/enactFault';
import { authenticate, authorize } from './authenticate';
import { toHttpError } from './errorMapping';
import { badRequest, methodNotAllowed, notFound, tooManyRequests } from './httpError';
import { writeReply, type Reply } from './reply';
import { Router, type Route } from './router';
import { callRoutes } from './routes/callRoutes';
import { FAULTS_PATH, faultRoutes } from './routes/faultRoutes';
import { searchRoutes } from './routes/searchRoutes';
import { tokenRoutes } from './routes/tokenRoutes';
import { TRAFFIC_PATH, trafficRoutes } from './routes/trafficRoutes';
import { workitemRoutes } from './routes/workitemRoutes';
import type { ServerDeps } from './serverDeps';
import { VerifiedTokens } from './verifiedTokens';

export interface RequestHandler {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Cancels pending fault delays; call when the server stops. */
  shutdown(): void;
}

const NO_FAULT: FaultOutcome = { kind: 'proceed', truncate: false, headers: {} };

function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const questionMark = target.indexOf('?');
  const path = questionMark < 0 ? target : target.slice(0, questionMark);
  if (!path.startsWith('/')) {
    throw badRequest(`The request target '${target.slice(0, 100)}' is not a path.`);
  }
  return { path, query: new URLSearchParams(questionMark < 0 ? '' : target.slice(questionMark + 1)) };
}

export function createRequestHandler(deps: ServerDeps): RequestHandler {
  const routes: Route[] = [
    ...searchRoutes(deps),
    ...workitemRoutes(deps),
    ...conversationRoutes(deps),
    ...callRoutes(deps),
    ...tokenRoutes(deps),
    ...(deps.faults ? faultRoutes(deps, deps.faults) : []),
    ...(deps.faults && deps.traffic ? trafficRoutes(deps, deps.traffic) : []),
  ];
  const router = new Router(routes);
  const tokens = new VerifiedTokens(deps.tokens, deps.now);
  const lifetime = new AbortController();

  async function route(request: IncomingMessage, method: string, path: string, query: URLSearchParams): Promise<Reply> {
    const match = router.match(method, path);
    if (match.kind === 'none') {
      throw notFound(`Nothing is served at ${path}.`);
    }
    if (match.kind === 'wrongMethod') {
      throw methodNotAllowed(method, path, match.allowed);
    }
    const { route: found, params } = match;
    let principal;
    if (found.access !== 'public') {
      principal = authenticate(request, tokens);
      authorize(principal, found.access, found.purpose);
    }
    return found.handle({ request, method, path, params, query, principal });
  }

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.method ?? 'GET').toUpperCase();
    let outcome = NO_FAULT;
    let reply: Reply;
    try {
      const { path, query } = splitTarget(request.url ?? '/');
      // The test hooks themselves are never faulted, so a test can always clear its rules.
      const hook = path.startsWith(FAULTS_PATH) || path.startsWith(TRAFFIC_PATH);
      if (!hook && deps.rateLimiter) {
        const decision = deps.rateLimiter.take(request.headers.authorization ?? '');
        if (!decision.allowed) {
          throw tooManyRequests(deps.rateLimiter.perSecond, decision.retryAfterSeconds ?? 1);
        }
      }
      const rule = hook ? undefined : deps.faults?.take(method, path);
      if (rule) {
        outcome = await enactFault(rule, response, lifetime.signal);
        if (outcome.kind === 'answered') {
          return;
        }
      }
      reply = await route(request, method, path, query);
    } catch (error) {
      if (lifetime.signal.aborted) {
        return;
      }
      const httpError = toHttpError(error);
      if (httpError.status >= 500) {
        deps.log(`${method} ${request.url ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
      reply = { status: httpError.status, body: httpError.body(), headers: httpError.headers };
    }
    if (response.headersSent || response.destroyed) {
      return;
    }
    const truncate = outcome.kind === 'proceed' && outcome.truncate;
    const faultHeaders = outcome.kind === 'proceed' ? outcome.headers : {};
    writeReply(response, { ...reply, headers: { ...faultHeaders, ...reply.headers } }, { truncate });
  }

  return {
    handle(request, response) {
      serve(request, response).catch((error: unknown) => {
        deps.log(`Answering ${request.method ?? ''} ${request.url ?? ''} failed: ${String(error)}`);
        response.destroy();
      });
    },
    shutdown() {
      lifetime.abort();
    },
  };
}
