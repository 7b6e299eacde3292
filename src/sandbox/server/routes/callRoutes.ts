// The call actions: hold, unhold (DELETE on the hold path, see paths.ts), hang up, and transfer
// to a queue. Each answers only after the mutation is durable.
import { PERMISSION_FOR_ACTION, type WorkitemAction } from '../../../api/domain';
import { UNHOLD } from '../../../api/paths';
import type { SandboxAction } from '../../contracts';
import { badRequest, notFound } from '../httpError';
import { readBody, readJsonBody } from '../requestBody';
import { jsonReply } from '../reply';
import { TransferBodySchema, TransferParamsSchema, WorkitemParamsSchema } from '../requestSchemas';
import type { HttpMethod, Route, RouteContext } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart } from '../validation';

function actorOf(context: RouteContext): string {
  return context.principal?.username ?? 'anonymous';
}

function simpleAction(
  deps: ServerDeps,
  method: HttpMethod,
  pathSuffix: string,
  action: Exclude<WorkitemAction, 'transfer'> & SandboxAction,
  purpose: string,
): Route {
  return {
    method,
    pattern: `/users/api/calls/:id/${pathSuffix}`,
    access: PERMISSION_FOR_ACTION[action],
    purpose,
    async handle(context) {
      const { id } = parseRequestPart(WorkitemParamsSchema, context.params, 'path');
      // These actions take no body; reading it still enforces the size limit.
      await readBody(context.request, deps.maxBodyBytes);
      const updated = await deps.mutations.apply(id, action, { now: deps.now(), userId: actorOf(context) });
      return jsonReply(updated);
    },
  };
}

function transferRoute(deps: ServerDeps): Route {
  return {
    method: 'POST',
    pattern: '/users/api/calls/:id/queuetransfer/:queueId',
    access: PERMISSION_FOR_ACTION.transfer,
    purpose: 'transfer a workitem to a queue',
    async handle(context) {
      const { id, queueId } = parseRequestPart(TransferParamsSchema, context.params, 'path');
      const raw = await readJsonBody(context.request, deps.maxBodyBytes);
      if (raw === undefined) {
        throw badRequest('The request body is required: {"inboxId": <queue id>, "workitemId": <workitem id>}.', {
          in: 'body',
        });
      }
      const body = parseRequestPart(TransferBodySchema, raw, 'body');
      if (body.inboxId !== queueId) {
        throw badRequest(`Body field 'inboxId' ('${body.inboxId}') must equal the queue id of the path ('${queueId}').`, {
          in: 'body',
          field: 'inboxId',
        });
      }
      if (body.workitemId !== id) {
        throw badRequest(`Body field 'workitemId' ('${body.workitemId}') must equal the workitem id of the path ('${id}').`, {
          in: 'body',
          field: 'workitemId',
        });
      }
      if (!deps.store.queues().some((queue) => queue._id === queueId)) {
        throw notFound(`Queue '${queueId}' does not exist.`);
      }
      await deps.mutations.apply(id, 'transfer', { now: deps.now(), userId: actorOf(context), queueId });
      return jsonReply({});
    },
  };
}

export function callRoutes(deps: ServerDeps): Route[] {
  return [
    simpleAction(deps, 'POST', 'hold', 'hold', 'put a call on hold'),
    simpleAction(deps, UNHOLD.method, 'hold', 'unhold', 'take a call off hold'),
    simpleAction(deps, 'POST', 'hangup', 'hangup', 'hang up a call'),
    transferRoute(deps),
  ];
}
