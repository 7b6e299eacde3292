// `/__sandbox/traffic`: lets a test or a benchmark hold living traffic still, e.g. to compare what a
// client holds with the server's counts while nothing moves. Mounted with the other test hooks
// (faults allowed) when traffic is on.
import { z } from 'zod';
import type { TrafficSimulator } from '../../traffic/simulator';
import { badRequest } from '../httpError';
import { readJsonBody } from '../requestBody';
import { jsonReply } from '../reply';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart } from '../validation';

export const TRAFFIC_PATH = '/__sandbox/traffic';

export const TrafficBodySchema = z.strictObject({ running: z.boolean() });

export function trafficRoutes(deps: ServerDeps, traffic: TrafficSimulator): Route[] {
  return [
    {
      method: 'GET',
      pattern: TRAFFIC_PATH,
      access: 'public',
      purpose: 'tell whether traffic runs',
      async handle() {
        return jsonReply({ running: traffic.running });
      },
    },
    {
      method: 'PUT',
      pattern: TRAFFIC_PATH,
      access: 'public',
      purpose: 'pause or resume traffic',
      async handle({ request }) {
        const raw = await readJsonBody(request, deps.maxBodyBytes);
        if (raw === undefined) {
          throw badRequest('The request body is required: {"running": true|false}.', { in: 'body' });
        }
        const { running } = parseRequestPart(TrafficBodySchema, raw, 'body');
        if (running) {
          traffic.start();
        } else {
          // Answered once a tick under way has made its changes: after this, nothing moves.
          await traffic.stop();
        }
        return jsonReply({ running: traffic.running });
      },
    },
  ];
}
