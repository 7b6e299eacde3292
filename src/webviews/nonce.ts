// A fresh script nonce for every render, from the OS's CSPRNG: a guessable nonce would let
// injected markup run script.
import { randomBytes } from 'crypto';

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}
