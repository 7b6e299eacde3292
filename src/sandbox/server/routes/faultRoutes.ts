// `/__sandbox/faults`: lets tests make the sandbox misbehave. Only mounted when faults are allowed.
import { FaultRulesBodySchema, type FaultInjector } from '../../faults/faultRules';
import { badRequest } from '../httpError';
import { readJsonBody } from '../requestBody';
import { jsonReply } from '../reply';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart } from '../validation';

export const FAULTS_PATH = '/__sandbox/faults';

export function faultRoutes(deps: ServerDeps, faults: FaultInjector): Route[] {
  return [
    {
      method: 'GET',
      pattern: FAULTS_PATH,
      access: 'public',
      purpose: 'list fault rules',
      async handle() {
        return jsonReply({ rules: faults.active() });
      },
    },
    {
      method: 'PUT',
      pattern: FAULTS_PATH,
      access: 'public',
      purpose: 'set fault rules',
      async handle({ request }) {
        const raw = await readJsonBody(request, deps.maxBodyBytes * 16);
        if (raw === undefined) {
          throw badRequest('The request body is required: {"rules": [...]}.', { in: 'body' });
        }
        const { rules } = parseRequestPart(FaultRulesBodySchema, raw, 'body');
        faults.replace(rules);
        return jsonReply({ rules: faults.active() });
      },
    },
    {
      method: 'DELETE',
      pattern: FAULTS_PATH,
      access: 'public',
      purpose: 'clear fault rules',
      async handle() {
        faults.clear();
        return jsonReply({ rules: [] });
      },
    },
  ];
}
