// Last line of defence for the log: whatever a caller passes, a token, a password or an
// Authorization header must not reach the output channel (people paste logs into tickets).

const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
const AUTH_HEADER = /\b(authorization\s*[:=]\s*)(?:(?:bearer|basic)\s+)?[^\s,;"'&]+/gi;
const AUTH_SCHEME = /\b(bearer|basic)(\s+)[A-Za-z0-9+/=._~-]{16,}/gi;
const SECRET_PARAM = /\b(token|access_token|refresh_token|password|passwd|secret)=([^&\s"']+)/gi;
const SECRET_FIELD = /("(?:token|password|secret|authorization)"\s*:\s*)"[^"]*"/gi;

export const REDACTED = '‹redacted›';

/** Removes token-looking and password-looking material, plus every exact secret passed in. */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let result = text;
  for (const secret of secrets) {
    // Very short strings would also erase ordinary words; the patterns below still cover them.
    if (secret.length >= 4) {
      result = result.split(secret).join(REDACTED);
    }
  }
  return result
    .replace(JWT, REDACTED)
    .replace(AUTH_HEADER, (_whole, name: string) => `${name}${REDACTED}`)
    .replace(AUTH_SCHEME, (_whole, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(SECRET_PARAM, (_whole, name: string) => `${name}=${REDACTED}`)
    .replace(SECRET_FIELD, (_whole, prefix: string) => `${prefix}"${REDACTED}"`);
}
