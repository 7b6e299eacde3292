// The workitem actions: one route per action of the catalog (src/api/actions/catalog.ts), at the
// path and method the catalog's request uses (a unit test checks both ways). Each answers only
// after the mutation is durable: the workitem, or `{}` where NCX answers `{}`.
import { ACTION_CATALOG } from '../../../api/actions/catalog';
import type { WorkitemAction } from '../../../api/domain';
import { ACTION_PATHS } from '../../../api/paths';
import type { ActionContext, SandboxAction } from '../../contracts';
import { DISPOSITIONS } from '../../data/catalog';
import { badRequest, notFound } from '../httpError';
import { readBody, readJsonBody } from '../requestBody';
import { jsonReply } from '../reply';
import {
  DispositionBodySchema,
  DtmfParamsSchema,
  PriorityBodySchema,
  TransferBodySchema,
  TransferParamsSchema,
  UserTransferBodySchema,
  UserTransferParamsSchema,
  WorkitemParamsSchema,
} from '../requestSchemas';
import type { HttpMethod, Route, RouteContext } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart } from '../validation';

function actorOf(context: RouteContext): string {
  return context.principal?.username ?? 'anonymous';
}

/**
 * A route pattern from the client's path builder (src/api/paths.ts): built with placeholders, which
 * then become `:name` segments, so the sandbox serves exactly the paths the client sends.
 */
function patternOf(build: (...segments: string[]) => string, ...names: string[]): string {
  let path = build(...names.map((_, index) => `__P${index}__`));
  names.forEach((name, index) => {
    path = path.replace(`__P${index}__`, `:${name}`);
  });
  return path;
}

function route(
  action: WorkitemAction & SandboxAction,
  method: HttpMethod,
  pattern: string,
  purpose: string,
  handle: Route['handle'],
): Route {
  return { method, pattern, access: ACTION_CATALOG[action].permission, purpose, action, handle };
}

/** Actions without a body: the workitem id is all they need. */
function simpleAction(deps: ServerDeps, action: 'answer' | 'hold' | 'unhold' | 'mute' | 'unmute' | 'hangup', purpose: string): Route {
  const [request] = ACTION_CATALOG[action].requests('__P0__', {});
  if (!request || request.method === 'GET' || request.method === 'PATCH') {
    throw new Error(`${action}: the catalog declares no request the sandbox can serve`);
  }
  return route(action, request.method, request.path.replace('__P0__', ':id'), purpose, async (context) => {
    const { id } = parseRequestPart(WorkitemParamsSchema, context.params, 'path');
    // These actions take no body; reading it still enforces the size limit.
    await readBody(context.request, deps.maxBodyBytes);
    const updated = await deps.mutations.apply(id, action, { now: deps.now(), userId: actorOf(context) });
    return jsonReply(updated);
  });
}

async function requiredBody(context: RouteContext, deps: ServerDeps, shape: string): Promise<unknown> {
  const raw = await readJsonBody(context.request, deps.maxBodyBytes);
  if (raw === undefined) {
    throw badRequest(`The request body is required: ${shape}.`, { in: 'body' });
  }
  return raw;
}

function sameAs(field: string, value: string, expected: string, what: string): void {
  if (value !== expected) {
    throw badRequest(`Body field '${field}' ('${value}') must equal the ${what} of the path ('${expected}').`, {
      in: 'body',
      field,
    });
  }
}

function apply(deps: ServerDeps, context: RouteContext, id: string, action: SandboxAction, extra: Partial<ActionContext> = {}) {
  return deps.mutations.apply(id, action, { now: deps.now(), userId: actorOf(context), ...extra });
}

function transferRoute(deps: ServerDeps): Route {
  return route('transfer', 'POST', patternOf(ACTION_PATHS.queueTransfer, 'id', 'queueId'), 'transfer a workitem to a queue', async (context) => {
    const { id, queueId } = parseRequestPart(TransferParamsSchema, context.params, 'path');
    const raw = await requiredBody(context, deps, '{"inboxId": <queue id>, "workitemId": <workitem id>}');
    const body = parseRequestPart(TransferBodySchema, raw, 'body');
    sameAs('inboxId', body.inboxId, queueId, 'queue id');
    sameAs('workitemId', body.workitemId, id, 'workitem id');
    if (!deps.store.queues().some((queue) => queue._id === queueId)) {
      throw notFound(`Queue '${queueId}' does not exist.`);
    }
    await apply(deps, context, id, 'transfer', { queueId });
    return jsonReply({});
  });
}

function userTransferRoute(deps: ServerDeps): Route {
  return route('userTransfer', 'POST', patternOf(ACTION_PATHS.userTransfer, 'id', 'userId'), 'transfer a workitem to an agent', async (context) => {
    const { id, userId } = parseRequestPart(UserTransferParamsSchema, context.params, 'path');
    const raw = await requiredBody(context, deps, '{"userId": <user id>, "workitemId": <workitem id>}');
    const body = parseRequestPart(UserTransferBodySchema, raw, 'body');
    sameAs('userId', body.userId, userId, 'user id');
    sameAs('workitemId', body.workitemId, id, 'workitem id');
    if (!deps.store.agents().some((agent) => agent.username === userId)) {
      throw notFound(`User '${userId}' does not exist.`);
    }
    await apply(deps, context, id, 'userTransfer', { agentUsername: userId });
    return jsonReply({});
  });
}

function priorityRoute(deps: ServerDeps): Route {
  return route('priority', 'POST', patternOf(ACTION_PATHS.priority, 'id'), 'change the priority of a workitem', async (context) => {
    const { id } = parseRequestPart(WorkitemParamsSchema, context.params, 'path');
    const raw = await requiredBody(context, deps, '{"priority": 1 to 5}');
    const { priority } = parseRequestPart(PriorityBodySchema, raw, 'body');
    await apply(deps, context, id, 'priority', { priority });
    return jsonReply({});
  });
}

function dtmfRoute(deps: ServerDeps): Route {
  return route('dtmf', 'POST', patternOf(ACTION_PATHS.dtmf, 'id', 'digit'), 'send DTMF digits', async (context) => {
    const { id, digit } = parseRequestPart(DtmfParamsSchema, context.params, 'path');
    await readBody(context.request, deps.maxBodyBytes);
    return jsonReply(await apply(deps, context, id, 'dtmf', { digit }));
  });
}

function dispositionRoute(deps: ServerDeps): Route {
  const { method, path } = ACTION_PATHS.disposition;
  return route('disposition', method, patternOf(path, 'id'), 'disposition a workitem', async (context) => {
    const { id } = parseRequestPart(WorkitemParamsSchema, context.params, 'path');
    const raw = await requiredBody(context, deps, '{"dispositionId": <disposition id>}');
    const { dispositionId } = parseRequestPart(DispositionBodySchema, raw, 'body');
    if (!DISPOSITIONS.some((disposition) => disposition.dispositionId === dispositionId)) {
      throw notFound(`Disposition '${dispositionId}' does not exist.`);
    }
    return jsonReply(await apply(deps, context, id, 'disposition', { dispositionId }));
  });
}

export function callRoutes(deps: ServerDeps): Route[] {
  return [
    simpleAction(deps, 'answer', 'answer a call'),
    simpleAction(deps, 'hold', 'put a call on hold'),
    simpleAction(deps, 'unhold', 'take a call off hold'),
    simpleAction(deps, 'mute', 'mute a call'),
    simpleAction(deps, 'unmute', 'unmute a call'),
    simpleAction(deps, 'hangup', 'hang up a call'),
    dtmfRoute(deps),
    priorityRoute(deps),
    transferRoute(deps),
    userTransferRoute(deps),
    dispositionRoute(deps),
  ];
}
