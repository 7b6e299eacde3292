import * as assert from 'node:assert/strict';
import type { Workitem } from '../../../../src/api/schemas';
import type { WorkitemStore } from '../../../../src/sandbox/contracts';
import { generateDataset } from '../../../../src/sandbox/data';
import { DurableStore, type MutationLog } from '../../../../src/sandbox/persistence/durableStore';
import type { JournalEntry } from '../../../../src/sandbox/persistence/journalEntry';
import { replayJournal } from '../../../../src/sandbox/persistence/replay';
import { createStore } from '../../../../src/sandbox/store';
import { TrafficSimulator, type TickReport } from '../../../../src/sandbox/traffic/simulator';
import type { TrafficScheduler } from '../../../../src/sandbox/traffic/scheduler';

const T0 = Date.UTC(2025, 2, 16, 16, 0, 0);
const DATASET = { seed: 5, size: 500, now: T0 };

class RecordingLog implements MutationLog {
  readonly entries: JournalEntry[] = [];
  /** For each offer: the agent, and the queue the workitem was waiting in at that moment. */
  readonly offers: { agent: string; queue: string | undefined }[] = [];
  store: WorkitemStore | undefined;

  append(entry: JournalEntry): Promise<void> {
    this.entries.push(structuredClone(entry));
    if (entry.kind === 'apply' && entry.action === 'offer') {
      this.offers.push({ agent: entry.context.agentUsername ?? '', queue: this.store?.get(entry.workitemId)?.selectedQueue });
    }
    return Promise.resolve();
  }
}

interface Harness {
  store: WorkitemStore;
  log: RecordingLog;
  traffic: TrafficSimulator;
  advance(ms: number): Promise<TickReport>;
}

function harness(scheduler?: TrafficScheduler, speed?: number): Harness {
  const dataset = generateDataset(DATASET);
  const store = createStore(dataset);
  const log = new RecordingLog();
  log.store = store;
  let clock = T0;
  const traffic = new TrafficSimulator({
    store,
    mutations: new DurableStore(store, log),
    now: () => clock,
    seed: 3,
    contacts: dataset.contacts,
    scheduler,
    speed,
  });
  return {
    store,
    log,
    traffic,
    advance(ms) {
      clock += ms;
      return traffic.tick();
    },
  };
}

async function run(h: Harness, seconds: number, tickMs = 1000): Promise<TickReport[]> {
  const reports: TickReport[] = [];
  for (let elapsed = 0; elapsed < seconds * 1000; elapsed += tickMs) {
    reports.push(await h.advance(tickMs));
  }
  return reports;
}

/** What a stretch of traffic did: arrivals, and steps by action. */
function tally(reports: readonly TickReport[]): { arrivals: number; steps: Map<string, number> } {
  const steps = new Map<string, number>();
  for (const step of reports.flatMap((report) => report.steps)) {
    steps.set(step.action, (steps.get(step.action) ?? 0) + 1);
  }
  return { arrivals: reports.reduce((sum, report) => sum + report.arrived.length, 0), steps };
}

describe('sandbox living traffic', () => {
  it('makes something change every few seconds', async () => {
    const reports = await run(harness(), 60);
    for (let window = 0; window < 60; window += 5) {
      const changes = reports.slice(window, window + 5).reduce((sum, r) => sum + r.arrived.length + r.steps.length, 0);
      assert.ok(changes > 0, `nothing happened in seconds ${window} to ${window + 5}`);
    }
  });

  it('walks workitems through their whole lifecycle', async () => {
    const reports = await run(harness(), 240);
    const actions = new Set(reports.flatMap((report) => report.steps.map((step) => step.action)));
    for (const expected of ['offer', 'accept', 'answer', 'hold', 'unhold', 'hangup', 'disposition']) {
      assert.ok(actions.has(expected as never), `no ${expected} in four minutes of traffic (saw ${[...actions].join(', ')})`);
    }
    const arrivals = reports.flatMap((report) => report.arrived);
    assert.ok(arrivals.length >= 20, `only ${arrivals.length} arrivals in four minutes`);
  });

  it('brings arrivals in as new, queued workitems with fresh ids', async () => {
    const h = harness();
    const sizeBefore = h.store.size;
    const arrived = (await run(h, 20)).flatMap((report) => report.arrived);
    assert.equal(new Set(arrived).size, arrived.length);
    assert.equal(h.store.size, sizeBefore + arrived.length);
    const first = h.store.get(arrived[0] ?? '') as Workitem;
    assert.ok(first.timeEvents?.some((event) => event.type === 'queued'));
    assert.ok(Number(first.workitemId.slice(3)) > DATASET.size);
  });

  it('keeps to the step limit per tick and offers only to agents of the queue', async () => {
    const h = harness();
    const reports = await run(h, 90);
    assert.ok(reports.every((report) => report.steps.length <= 4));
    const agents = new Map(h.store.agents().map((agent) => [agent.username, agent.queues]));
    assert.ok(h.log.offers.length > 5);
    for (const { agent, queue } of h.log.offers) {
      assert.ok(queue && agents.get(agent)?.includes(queue), `${agent} does not serve ${queue}`);
    }
  });

  it('records every change, so a replay on a fresh store gives the same workitems', async () => {
    const h = harness();
    await run(h, 120);
    assert.ok(h.log.entries.length > 30);
    const replayed = createStore(generateDataset(DATASET));
    replayJournal(replayed, h.log.entries);
    assert.equal(replayed.size, h.store.size);
    for (const id of h.store.liveIds()) {
      assert.deepEqual(replayed.get(id), h.store.get(id));
    }
    for (const entry of h.log.entries) {
      const id = entry.kind === 'apply' ? entry.workitemId : entry.workitem.workitemId;
      assert.deepEqual(replayed.get(id), h.store.get(id));
    }
  });

  it('lives the same life 400 times faster at speed 400', async () => {
    // Twenty minutes of real-life traffic against three seconds of it at speed 400 (10 ms ticks,
    // each standing for four seconds): the data set's backlog drains, then arrivals take over.
    const real = tally(await run(harness(), 1200));
    const fast = tally(await run(harness(undefined, 400), 3, 10));
    const close = (a: number, b: number): boolean => Math.abs(a - b) <= Math.max(a, b) * 0.25;
    assert.ok(close(fast.arrivals, real.arrivals), `arrivals: ${fast.arrivals} sped up, ${real.arrivals} in real life`);
    for (const action of ['offer', 'accept', 'answer', 'hangup', 'disposition']) {
      const [a, b] = [fast.steps.get(action) ?? 0, real.steps.get(action) ?? 0];
      assert.ok(b > 10 && close(a, b), `${action}: ${a} sped up, ${b} in real life`);
    }
  });

  it('is driven by its scheduler until stopped', async () => {
    let task: (() => void) | undefined;
    let cancelled = false;
    const scheduler: TrafficScheduler = {
      every(_ms, run) {
        task = run;
        return () => {
          cancelled = true;
        };
      },
    };
    const h = harness(scheduler);
    h.traffic.start();
    const before = h.store.size;
    task?.();
    await h.traffic.stop();
    assert.ok(h.store.size > before, 'the scheduled tick brought no arrival');
    assert.equal(cancelled, true);
  });
});
