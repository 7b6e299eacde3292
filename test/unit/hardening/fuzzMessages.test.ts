// Fuzzing the webview boundary: whatever a (compromised) page posts, parsing never throws, and a
// message passes exactly when an independent reading of the protocol says it is valid. What
// passes carries only the fields the protocol names.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MAX_TIMELINE_PAGE, parseExtensionMessage, parseWebviewMessage } from '../../../src/webviews/messages';

const ACTIONS = ['hold', 'unhold', 'hangup', 'transfer'];
const FIELDS_OF: Readonly<Record<string, readonly string[]>> = {
  ready: ['type', 'renderId'],
  runAction: ['type', 'action'],
  copyJson: ['type'],
  copyId: ['type'],
  refresh: ['type'],
  rawJson: ['type'],
  timelinePage: ['type', 'offset', 'limit'],
  scriptError: ['type', 'message'],
};

const isCount = (value: unknown): boolean => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The webview → extension protocol, written out by hand from its documentation. */
function isValidWebviewMessage(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const message = value as Record<string, unknown>;
  switch (message['type']) {
    case 'ready':
      return isCount(message['renderId']);
    case 'runAction':
      return typeof message['action'] === 'string' && ACTIONS.includes(message['action']);
    case 'copyJson':
    case 'copyId':
    case 'refresh':
    case 'rawJson':
      return true;
    case 'timelinePage': {
      const limit = message['limit'];
      return isCount(message['offset']) && isCount(limit) && (limit as number) >= 1 && (limit as number) <= MAX_TIMELINE_PAGE;
    }
    case 'scriptError':
      return typeof message['message'] === 'string' && message['message'].length <= 2000;
    default:
      return false;
  }
}

/** Values of every type, with the edges each field's rule is about. */
const anyField = fc.oneof(
  fc.integer({ min: -3, max: 600 }),
  fc.constantFrom(0, 1, 500, 501, -0, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER, NaN, Infinity),
  fc.double(),
  fc.constantFrom(...ACTIONS, 'delete', 'HOLD', ''),
  fc.string({ maxLength: 30 }),
  fc.constantFrom('x'.repeat(2000), 'x'.repeat(2001)),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);

/** Messages near the protocol: a known (or almost known) type, with fields that may or may not fit. */
const nearMessage = fc
  .record(
    {
      type: fc.constantFrom(...Object.keys(FIELDS_OF), 'busy', 'update', 'Ready', '', 'constructor', '__proto__'),
      renderId: anyField,
      action: anyField,
      offset: anyField,
      limit: anyField,
      message: anyField,
      workitemId: fc.string(),
      __proto__: fc.object({ maxDepth: 1 }),
    },
    { requiredKeys: ['type'] },
  )
  .map((record) => JSON.parse(JSON.stringify(record)) as unknown);

describe('hardening: webview message fuzzing', () => {
  it('never throws, and accepts exactly the valid webview messages (property)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(nearMessage, nearMessage, fc.anything(), fc.jsonValue()), (raw) => {
        const parsed = parseWebviewMessage(raw);
        assert.equal(parsed.ok, isValidWebviewMessage(raw), JSON.stringify(raw));
        if (parsed.ok) {
          accepted += 1;
          const allowed = FIELDS_OF[parsed.message.type] ?? [];
          assert.deepEqual(Object.keys(parsed.message).filter((key) => !allowed.includes(key)), [], 'a field the protocol does not name passed');
          assert.equal(Object.getPrototypeOf(parsed.message), Object.prototype);
        } else {
          assert.ok(parsed.problem.length > 0 && parsed.problem.length < 2000);
        }
      }),
      { numRuns: 5000 },
    );
    assert.ok(accepted > 200, `only ${accepted} valid messages were generated`);
  });

  it('never throws on any data a page could post: null prototypes, maps, typed arrays, sparse arrays (property)', () => {
    const data = fc.anything({
      withNullPrototype: true,
      withMap: true,
      withSet: true,
      withBoxedValues: true,
      withTypedArray: true,
      withSparseArray: true,
      withDate: true,
      withBigInt: true,
      withObjectString: true,
    });
    fc.assert(
      fc.property(data, (raw) => {
        const parsed = parseWebviewMessage(raw);
        assert.equal(parsed.ok, isValidWebviewMessage(raw));
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on the extension → webview side either (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue(), nearMessage), (raw) => {
        const parsed = parseExtensionMessage(raw);
        assert.equal(typeof parsed.ok, 'boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
