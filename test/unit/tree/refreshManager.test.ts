import * as assert from 'assert';
import { RefreshManager, type VisibilitySource } from '../../../src/views/tree/refreshManager';
import { ManualClock } from '../../support/manualClock';

class FakeView implements VisibilitySource {
  visible = true;
  private listeners: Array<(event: { visible: boolean }) => void> = [];
  onDidChangeVisibility(listener: (event: { visible: boolean }) => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((candidate) => candidate !== listener)) };
  }
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.listeners.forEach((listener) => listener({ visible }));
  }
}

function setup(intervalSeconds = 10) {
  const timers = new ManualClock(0);
  const view = new FakeView();
  let interval = intervalSeconds;
  let refreshes = 0;
  const manager = new RefreshManager({
    view,
    timers,
    now: timers.now,
    intervalSeconds: () => interval,
    refresh: async () => {
      refreshes++;
    },
  });
  return {
    timers,
    view,
    manager,
    refreshes: () => refreshes,
    setInterval: (seconds: number) => (interval = seconds),
  };
}

describe('refresh manager', () => {
  it('refreshes once per interval while the view is visible', async () => {
    const { timers, refreshes, manager } = setup(10);
    await timers.advanceAsync(9_999);
    assert.strictEqual(refreshes(), 0);
    await timers.advanceAsync(1);
    assert.strictEqual(refreshes(), 1);
    await timers.advanceAsync(30_000);
    assert.strictEqual(refreshes(), 4);
    manager.dispose();
  });

  it('a laptop that slept an hour refreshes once when it wakes, not once per missed interval', async () => {
    const { timers, refreshes, manager } = setup(10);
    await timers.advanceAsync(3_000);
    timers.sleep(3_600_000);
    await timers.advanceAsync(0);
    assert.strictEqual(refreshes(), 1, 'one refresh on waking');
    assert.strictEqual(timers.pendingCount, 1, 'and one timer for the next interval');
    await timers.advanceAsync(9_999);
    assert.strictEqual(refreshes(), 1);
    await timers.advanceAsync(1);
    assert.strictEqual(refreshes(), 2);
    manager.dispose();
  });

  it('stops while hidden and catches up at once when shown after a long time', async () => {
    const { timers, view, refreshes, manager } = setup(10);
    view.setVisible(false);
    await timers.advanceAsync(60_000);
    assert.strictEqual(refreshes(), 0);
    assert.strictEqual(timers.pendingCount, 0, 'no timer while hidden');
    view.setVisible(true);
    await timers.advanceAsync(0);
    assert.strictEqual(refreshes(), 1);
    manager.dispose();
  });

  it('never polls when the interval is 0, and starts when one is set', async () => {
    const { timers, refreshes, setInterval, manager } = setup(0);
    await timers.advanceAsync(3_600_000);
    assert.strictEqual(refreshes(), 0);
    assert.strictEqual(timers.pendingCount, 0);
    setInterval(5);
    manager.reschedule();
    await timers.advanceAsync(0);
    assert.strictEqual(refreshes(), 1, 'the data is an hour old: refreshed at once');
    await timers.advanceAsync(5_000);
    assert.strictEqual(refreshes(), 2);
    manager.dispose();
  });

  it('never runs two refreshes at once: the next wait starts when one ends', async () => {
    const timers = new ManualClock(0);
    const view = new FakeView();
    let release: () => void = () => undefined;
    let started = 0;
    const manager = new RefreshManager({
      view,
      timers,
      now: timers.now,
      intervalSeconds: () => 1,
      refresh: () => {
        started++;
        return new Promise<void>((resolve) => (release = resolve));
      },
    });
    await timers.advanceAsync(10_000);
    assert.strictEqual(started, 1, 'a slow refresh is not stacked');
    release();
    await timers.advanceAsync(0);
    await timers.advanceAsync(1_000);
    assert.strictEqual(started, 2);
    manager.dispose();
  });

  it('restarts the wait after a refresh made by hand, and stops for good when disposed', async () => {
    const { timers, refreshes, manager } = setup(10);
    await timers.advanceAsync(8_000);
    manager.noteRefreshed();
    await timers.advanceAsync(8_000);
    assert.strictEqual(refreshes(), 0);
    await timers.advanceAsync(2_000);
    assert.strictEqual(refreshes(), 1);
    manager.dispose();
    await timers.advanceAsync(100_000);
    assert.strictEqual(refreshes(), 1);
    assert.strictEqual(timers.pendingCount, 0);
  });

  it('keeps polling after a failed refresh, and reports the failure', async () => {
    const timers = new ManualClock(0);
    const errors: unknown[] = [];
    let calls = 0;
    const manager = new RefreshManager({
      view: new FakeView(),
      timers,
      now: timers.now,
      intervalSeconds: () => 1,
      refresh: () => {
        calls++;
        return Promise.reject(new Error('offline'));
      },
      onError: (error) => errors.push(error),
    });
    await timers.advanceAsync(3_000);
    assert.strictEqual(calls, 3);
    assert.strictEqual(errors.length, 3);
    manager.dispose();
  });
});
