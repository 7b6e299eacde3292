// `GET /data/api/types/{type}`: the NCX search envelope for workitems and queues.
import { BadRequestError, type SearchResult } from '../../contracts';
import { CAMPAIGNS, DISPOSITIONS, userObject } from '../../data/catalog';
import { badRequest, notFound } from '../httpError';
import { jsonReply } from '../reply';
import { SchemaTypeParamsSchema, SearchQuerySchema, type SearchQuery } from '../requestSchemas';
import type { Route } from '../router';
import type { ServerDeps } from '../serverDeps';
import { parseRequestPart, queryObject } from '../validation';
import { WorkitemJsonCache } from '../workitemJsonCache';

const SERVED_TYPES = ['workitem', 'queue', 'user', 'disposition', 'campaign'] as const;

/**
 * Queues, users, dispositions and campaigns are few: `q` is a loose, case-insensitive match on
 * their text fields, as NCX's `q` behaves for them.
 */
function searchFew<T extends object>(objects: readonly T[], query: SearchQuery): { count: number; total: number; objects: T[] } {
  const needle = query.q?.trim().toLowerCase();
  const matching = needle
    ? objects.filter((object) =>
        Object.values(object).some((value) => typeof value === 'string' && value.toLowerCase().includes(needle)),
      )
    : objects;
  const page = matching.slice(query.start, query.start + query.rows);
  return { count: page.length, total: matching.length, objects: page };
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
        switch (type) {
          case 'queue':
            return jsonReply(searchFew(deps.store.queues(), parsed));
          case 'user':
            return jsonReply(searchFew(deps.store.agents().map(userObject), parsed));
          case 'disposition':
            return jsonReply(searchFew(DISPOSITIONS, parsed));
          case 'campaign':
            return jsonReply(searchFew(CAMPAIGNS, parsed));
        }
        throw notFound(`The sandbox serves the schema types ${SERVED_TYPES.join(', ')}, not '${type}'.`);
      },
    },
  ];
}
