// A small method + path router. Patterns are written like `/users/api/workitems/:id`; a path
// segment is decoded after splitting, so an id holding an encoded "/" stays one segment.
import type { IncomingMessage } from 'node:http';
import type { Permission, WorkitemAction } from '../../api/domain';
import type { Principal } from '../auth/tokens';
import { badRequest } from './httpError';
import type { Reply } from './reply';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  request: IncomingMessage;
  method: string;
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Set for routes that need a permission: the verified caller. */
  principal: Principal | undefined;
}

export interface Route {
  method: HttpMethod;
  pattern: string;
  /** `public`: no token needed (the route checks credentials itself, if any). */
  access: Permission | 'public';
  /** What the route does, for a 403's message: "... is needed to <purpose>". */
  purpose: string;
  /** The workitem action it serves (the routes are checked against the action catalog by a test). */
  action?: WorkitemAction;
  handle(context: RouteContext): Promise<Reply>;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: HttpMethod[] }
  | { kind: 'none' };

function segmentsOf(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  return trimmed.split('/').slice(1);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`The path segment '${segment}' is not valid percent-encoding.`);
  }
}

function matchPattern(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] ?? '';
    const actual = segments[index] ?? '';
    if (expected.startsWith(':')) {
      params[expected.slice(1)] = decodeSegment(actual);
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

export class Router {
  private readonly compiled: { route: Route; segments: string[] }[];

  constructor(routes: readonly Route[]) {
    this.compiled = routes.map((route) => ({ route, segments: segmentsOf(route.pattern) }));
  }

  match(method: string, path: string): RouteMatch {
    const segments = segmentsOf(path);
    const allowed: HttpMethod[] = [];
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchPattern(pattern, segments);
      if (!params) {
        continue;
      }
      if (route.method === method) {
        return { kind: 'found', route, params };
      }
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrongMethod', allowed } : { kind: 'none' };
  }
}
