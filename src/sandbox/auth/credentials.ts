// Reading credentials out of an `Authorization` header. NCX's published spec says
// `Bearer <token>`, while live NCX clients send the bare token, so both are accepted.

const BEARER = /^Bearer\s+(\S+)\s*$/i;
const BASIC = /^Basic\s+(\S+)\s*$/i;

/** The token of `Bearer <token>` or of a bare `<token>`; undefined when there is none. */
export function tokenFromHeader(header: string | undefined): string | undefined {
  const value = header?.trim();
  if (!value) {
    return undefined;
  }
  const bearer = BEARER.exec(value);
  if (bearer) {
    return bearer[1];
  }
  if (BASIC.test(value) || /\s/.test(value)) {
    return undefined;
  }
  return value;
}

export interface BasicCredentials {
  username: string;
  password: string;
}

export function basicCredentialsFromHeader(header: string | undefined): BasicCredentials | undefined {
  const match = BASIC.exec(header?.trim() ?? '');
  if (!match) {
    return undefined;
  }
  const decoded = Buffer.from(match[1] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) {
    return undefined;
  }
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
