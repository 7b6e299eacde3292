// The one place that says whether privacy mode is on. The tree, the detail panels, the pickers,
// notifications and the log read it here and listen for its changes; the choice is kept in
// globalState, so a reload (or a restart) comes back masked when it was masked.
import type { Workitem } from '../../api/schemas';
import * as z from '../../api/zodMini';
import { ModelEmitter, type ModelEvent } from '../events';
import { maskText, maskWorkitem } from './mask';
import type { StoredState } from '../storedState';

export const PRIVACY_STATE_KEY = 'workitemInspector.privacyMode';

export class PrivacyModeStore {
  private on = false;
  private state: StoredState | undefined;
  private readonly changed = new ModelEmitter<boolean>();

  /** Fires with the new value whenever the mode changes. */
  readonly onDidChange: ModelEvent<boolean> = this.changed.event;

  /** Reads the stored choice (a stored value that is not a boolean counts as off). */
  attach(state: StoredState): void {
    this.state = state;
    const stored = z.boolean().safeParse(state.get(PRIVACY_STATE_KEY));
    this.apply(stored.success && stored.data);
  }

  get enabled(): boolean {
    return this.on;
  }

  async set(enabled: boolean): Promise<void> {
    this.apply(enabled);
    await this.state?.update(PRIVACY_STATE_KEY, enabled);
  }

  toggle(): Promise<void> {
    return this.set(!this.on);
  }

  /** The workitem as the screen may show it now. */
  view(workitem: Workitem): Workitem {
    return this.on ? maskWorkitem(workitem) : workitem;
  }

  /** Free text (a message, a log line) as the screen may show it now. */
  text<T extends string>(text: T): T {
    return this.on ? (maskText(text) as T) : text;
  }

  private apply(enabled: boolean): void {
    if (enabled === this.on) return;
    this.on = enabled;
    this.changed.fire(enabled);
  }
}

/** The extension's privacy mode; `activate` attaches it to globalState. */
export const privacyMode = new PrivacyModeStore();
