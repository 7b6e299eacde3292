// Reads a request body under a size limit. Oversized bodies are drained (up to a hard cap) before
// the 413 is sent, so a client still uploading reads the answer instead of a broken pipe.
import type { IncomingMessage } from 'node:http';
import { badRequest, payloadTooLarge, unsupportedMediaType } from './httpError';

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
/** Past this many bytes the upload is not worth draining: the connection is dropped. */
const DRAIN_CAP_FACTOR = 16;

export async function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes * DRAIN_CAP_FACTOR) {
    request.socket.destroy();
    throw payloadTooLarge(maxBytes);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    received += buffer.length;
    if (received > maxBytes * DRAIN_CAP_FACTOR) {
      request.socket.destroy();
      throw payloadTooLarge(maxBytes);
    }
    if (received <= maxBytes) {
      chunks.push(buffer);
    }
  }
  if (received > maxBytes) {
    throw payloadTooLarge(maxBytes);
  }
  return Buffer.concat(chunks);
}

function mediaType(request: IncomingMessage): string | undefined {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
}

/** The parsed JSON body, or undefined when the request has none. */
export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<unknown> {
  const raw = await readBody(request, maxBytes);
  if (raw.length === 0) {
    return undefined;
  }
  const type = mediaType(request);
  if (type !== 'application/json' && !(type?.startsWith('application/') && type.endsWith('+json'))) {
    throw unsupportedMediaType(type);
  }
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw badRequest(`The request body is not valid JSON: ${detail}`);
  }
}
