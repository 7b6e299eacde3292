// `GET /users/api/workitems/{id}`: one workitem.
import { notFound } from '../httpError';
import { jsonReply } from '../reply';
import { WorkitemParamsSchema } from '../requestSchemas';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart } from '../validation';

export function workitemRoutes(deps: ServerDeps): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/users/api/workitems/:id',
      access: 'workitems:read',
      purpose: 'read a workitem',
      async handle({ params }) {
        const { id } = parseRequestPart(WorkitemParamsSchema, params, 'path');
        const workitem = deps.store.get(id);
        if (!workitem) {
          throw notFound(`Workitem '${id}' does not exist.`);
        }
        return jsonReply(workitem);
      },
    },
  ];
}
