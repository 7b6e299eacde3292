// `GET /data/api/types/{type}`: the NCX search envelope for workitems and queues.
import type { Queue } from '../../../api/schemas';
import { BadRequestError, type SearchResult } from '../../contracts';
import { badRequest, notFound } from '../httpError';
import { jsonReply } from '../reply';
import { SchemaTypeParamsSchema, SearchQuerySchema, type SearchQuery } from '../requestSchemas';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart, queryObject } from '../validation';
import { WorkitemJsonCache } from '../workitemJsonCache';

const SERVED_TYPES = ['workitem', 'queue'] as const;

/** Queues are few: `q` is a loose, case-insensitive match on id, name and description. */
function searchQueues(queues: readonly Queue[], query: SearchQuery): { total: number; objects: Queue[] } {
  const needle = query.q?.trim().toLowerCase();
  const matching = needle
    ? queues.filter((queue) =>
        [queue._id, queue.name, queue.description ?? ''].some((text) => text.toLowerCase().includes(needle)),
      )
    : queues;
  return { total: matching.length, objects: matching.slice(query.start, query.start + query.rows) };
}

function searchWorkitems(deps: ServerDeps, query: SearchQuery): SearchResult {
  try {
    return deps.store.search({ q: query.q, rows: query.rows, start: query.start, sort: query.sort });
  } catch (error) {
    // rows and start are already checked, so the store's BadRequestError is about the sort.
    if (error instanceof BadRequestError && query.sort !== undefined) {
      throw badRequest(`Query parameter 'sort': ${error.message}`, { in: 'query', field: 'sort' });
    }
    throw error;
  }
}

export function searchRoutes(deps: ServerDeps): Route[] {
  const json = new WorkitemJsonCache();
  return [
    {
      method: 'GET',
      pattern: '/data/api/types/:type',
      access: 'workitems:read',
      purpose: 'search',
      async handle({ params, query }) {
        const { type } = parseRequestPart(SchemaTypeParamsSchema, params, 'path');
        const parsed = parseRequestPart(SearchQuerySchema, queryObject(query), 'query');
        // `q=` (empty) means no filter, as when q is left out.
        if (parsed.q !== undefined && parsed.q.trim() === '') {
          parsed.q = undefined;
        }
        if (type === 'workitem') {
          const result = searchWorkitems(deps, parsed);
          return jsonReply(json.envelope(result.total, result.objects));
        }
        if (type === 'queue') {
          const result = searchQueues(deps.store.queues(), parsed);
          return jsonReply({ count: result.objects.length, total: result.total, objects: result.objects });
        }
        throw notFound(`The sandbox serves the schema types ${SERVED_TYPES.join(' and ')}, not '${type}'.`);
      },
    },
  ];
}
