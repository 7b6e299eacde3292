// Links to a workitem in a tenant: `vscode://workitem-inspector.workitem-inspector/open?tenant=…&id=…`.
// A link arrives from anywhere (a ticket, a chat, a web page), so its query is validated before
// anything is opened: one tenant, one id, each in a strict shape; anything else is refused with a
// reason and opens nothing. No `vscode` here; the handler and Copy Link plug in the scheme.
import * as z from '../api/zodMini';

export const LINK_PATH = '/open';

/** A host name with an optional port, or a connection name: letters, digits, `.`, `-`, `_`, `:`. */
const TENANT = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,252})$/;
/** Workitem ids as NCX and the sandbox write them (`wi_20001`, hex object ids, dashes). */
const WORKITEM_ID = /^[A-Za-z0-9](?:[A-Za-z0-9._:-]{0,199})$/;

export const WorkitemLinkSchema = z.object({
  tenant: z.string().check(z.regex(TENANT, 'a tenant is a host or connection name (letters, digits, . - _ :)')),
  id: z.string().check(z.regex(WORKITEM_ID, 'a workitem id is letters, digits, . - _ : (at most 200)')),
});
export type WorkitemLink = z.infer<typeof WorkitemLinkSchema>;

export type LinkParse = { ok: true; link: WorkitemLink } | { ok: false; problem: string };

/** Where the link points: `scheme://authority`, e.g. `vscode://workitem-inspector.workitem-inspector`. */
export interface LinkTarget {
  scheme: string;
  authority: string;
}

export function buildWorkitemLink(target: LinkTarget, link: WorkitemLink): string {
  const query = new URLSearchParams({ tenant: link.tenant, id: link.id }).toString();
  return `${target.scheme}://${target.authority}${LINK_PATH}?${query}`;
}

/** Validates the path and query of a link (as VS Code hands them to a URI handler). */
export function parseLinkParts(path: string, query: string): LinkParse {
  if (path !== LINK_PATH) {
    return { ok: false, problem: `the link asks for "${path || '/'}", not ${LINK_PATH}` };
  }
  const params = new URLSearchParams(query);
  const fields: Record<string, string> = {};
  for (const name of ['tenant', 'id'] as const) {
    const values = params.getAll(name);
    if (values.length === 0) return { ok: false, problem: `the link has no ${name}` };
    if (values.length > 1) return { ok: false, problem: `the link has ${values.length} values of ${name}` };
    fields[name] = values[0] ?? '';
  }
  const parsed = WorkitemLinkSchema.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, problem: `${issue?.path.join('.') ?? 'link'}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, link: parsed.data };
}

/** Parses a whole link; the authority must be this extension's (compared without case, as VS Code does). */
export function parseWorkitemLink(text: string, authority: string): LinkParse {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'it is not a link' };
  }
  if (url.host.toLowerCase() !== authority.toLowerCase()) {
    return { ok: false, problem: `the link is for ${url.host || 'no extension'}, not ${authority}` };
  }
  return parseLinkParts(url.pathname, url.search.replace(/^\?/, ''));
}
