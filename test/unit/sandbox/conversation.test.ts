// A contact's journey and a call's transcript and recording, through the real client against the
// real sandbox: the documented transcript path, the assumed journey link, and the recording
// fetched with the token only from the API's own host.
import { strict as assert } from 'node:assert';
import { NcxClient } from '../../../src/api/client';
import { isNcxError } from '../../../src/api/errors';
import type { RequestLogEntry } from '../../../src/api/http';
import { journeyQuery, JOURNEY_SORT } from '../../../src/api/journeyContract';
import { conversationOf } from '../../../src/api/transcriptContract';
import { startTestSandbox, type TestSandbox } from '../api/helpers/sandbox';

describe('sandbox: journeys, transcripts and recordings', function () {
  this.timeout(30_000);
  let harness: TestSandbox;
  let client: NcxClient;
  const entries: RequestLogEntry[] = [];

  before(async () => {
    harness = await startTestSandbox({ size: 3000, seed: 9 });
    const token = await harness.tokenFor('viewer');
    client = new NcxClient({ location: harness.url, token: () => token, retries: 0, onRequest: (entry) => entries.push(entry) });
  });

  after(async () => {
    await harness.stop();
  });

  it('links a contact who came back into one conversation, each leg naming the one before', async () => {
    const [leg] = (await client.search({ q: 'parentWorkitemId:*', rows: 1 })).items;
    assert.ok(leg?.conversationId && leg.parentWorkitemId, 'the sandbox has journeys');
    const query = journeyQuery(leg);
    assert.ok(query);
    const legs = (await client.search({ q: query, rows: 50, sort: JOURNEY_SORT })).items;
    assert.ok(legs.length >= 2);
    assert.ok(legs.every((item) => item.conversationId === leg.conversationId && item.contactId === leg.contactId));
    const ids = legs.map((item) => item.workitemId);
    assert.equal(legs[0]?.parentWorkitemId, undefined, 'the first leg has no parent');
    legs.slice(1).forEach((item, index) => assert.equal(item.parentWorkitemId, ids[index], `${item.workitemId} names the leg before`));
    assert.deepEqual([...legs].sort((a, b) => a.createdAt - b.createdAt).map((item) => item.workitemId), ids, 'oldest first');
  });

  it('serves an answered call’s transcript, summary and a playable recording; a call never answered has none', async () => {
    const [call] = (await client.search({ q: 'state:terminated AND channelType:voice', rows: 1 })).items;
    assert.ok(call);
    const found = await client.transcript(call);
    assert.ok(found?.summary && (found.transcriptionMessages?.length ?? 0) >= 3);
    const times = (found.transcriptionMessages ?? []).map((line) => line.timestamp ?? 0);
    assert.deepEqual([...times].sort((a, b) => a - b), times, 'lines in time order');
    assert.ok(times[0]! >= call.createdAt && times.at(-1)! <= (call.terminatedAt ?? Infinity), 'within the call');
    const [ref] = found.callRecordingData ?? [];
    assert.ok(ref);
    const recording = await client.recording(ref.url);
    assert.equal(recording.contentType, 'audio/wav');
    assert.equal(Buffer.from(recording.bytes.subarray(0, 4)).toString('ascii'), 'RIFF');
    const [waiting] = (await client.search({ q: 'state:inqueue AND channelType:voice', rows: 1 })).items;
    assert.ok(waiting);
    assert.equal(await client.transcript(waiting), undefined);
    // The path names the conversation: a wrong one is a 404 in the server's words.
    await assert.rejects(client.transcript({ workitemId: call.workitemId, conversationId: `${conversationOf(call)}x` }), (error: unknown) => isNcxError(error) && error.kind === 'notFound');
  });

  it('never sends the token to a recording on another host', async () => {
    const before = entries.length;
    await assert.rejects(client.recording('https://collector.example/steal.wav'), (error: unknown) => isNcxError(error) && /another host/.test(error.message));
    await assert.rejects(client.recording(`${harness.url.replace('127.0.0.1', 'localhost')}/analytics/api/recordings/rec_wi_1`), /another host/);
    assert.equal(entries.length, before, 'nothing was sent');
  });
});
