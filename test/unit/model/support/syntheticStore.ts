// A FakeStore of up to a million workitems held as two byte columns (state, channel), so that a
// test can count a tenant of realistic size without building a million objects. A workitem is
// only materialised (through makeWorkitem) when a page of it is asked for.
import { CHANNEL_TYPES, WORKITEM_STATES } from '../../../../src/api/domain';
import type { FakeStore } from './fakeWorkitemsApi';
import { FIXTURE_NOW, makeWorkitem } from './fixtures';

/** Values no version of the product knows, as a live tenant may send. */
export const UNKNOWN_STATE = 'parked';
export const UNKNOWN_CHANNEL = 'fax';

const STATE_VALUES: readonly string[] = [...WORKITEM_STATES, UNKNOWN_STATE];
const CHANNEL_VALUES: readonly string[] = [...CHANNEL_TYPES, UNKNOWN_CHANNEL];

export class SyntheticStore implements FakeStore {
  private readonly states: Uint8Array;
  private readonly channels: Uint8Array;
  private order: number[] | undefined;

  /** About one workitem in 200 gets an unknown state or channel. */
  constructor(
    readonly size: number,
    seed: number,
  ) {
    this.states = new Uint8Array(size);
    this.channels = new Uint8Array(size);
    let x = seed >>> 0 || 1;
    const next = (): number => {
      // xorshift32: fast, deterministic, good enough to spread groups unevenly.
      x ^= x << 13;
      x >>>= 0;
      x ^= x >>> 17;
      x ^= x << 5;
      x >>>= 0;
      return x / 0x1_0000_0000;
    };
    for (let index = 0; index < size; index++) {
      const s = next();
      this.states[index] = s < 0.005 ? STATE_VALUES.length - 1 : Math.floor((s * s) * WORKITEM_STATES.length);
      const c = next();
      this.channels[index] = c < 0.005 ? CHANNEL_VALUES.length - 1 : Math.floor(c * CHANNEL_TYPES.length);
    }
  }

  readonly read = (index: number, field: string): unknown => {
    switch (field) {
      case 'state':
        return STATE_VALUES[this.states[index]];
      case 'channelType':
        return CHANNEL_VALUES[this.channels[index]];
      case 'workitemId':
        return `wi_${10000 + index}`;
      case 'createdAt':
        return FIXTURE_NOW - (index + 1) * 60_000;
      default:
        return undefined;
    }
  };

  raw(index: number): unknown {
    return makeWorkitem(index, { state: STATE_VALUES[this.states[index]], channelType: CHANNEL_VALUES[this.channels[index]] });
  }

  newestFirst(): readonly number[] {
    // makeWorkitem dates workitem n at n + 1 minutes ago: index order is newest first.
    this.order ??= Array.from({ length: this.size }, (_, index) => index);
    return this.order;
  }

  indexOf(workitemId: string): number | undefined {
    const match = /^wi_(\d+)$/.exec(workitemId);
    const index = match ? Number(match[1]) - 10000 : -1;
    return index >= 0 && index < this.size ? index : undefined;
  }

  /** The true number of workitems per state value, for checking counts independently of queries. */
  tally(field: 'state' | 'channelType'): Map<string, number> {
    const tally = new Map<string, number>();
    for (let index = 0; index < this.size; index++) {
      const value = String(this.read(index, field));
      tally.set(value, (tally.get(value) ?? 0) + 1);
    }
    return tally;
  }
}
