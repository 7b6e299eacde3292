// "Toggle Privacy Mode": masks (or shows again) personal data in every view of the inspector.
import { privacyMode } from '../model/privacy/privacyMode';
import type { CommandHandler } from './handler';

export function togglePrivacyCommand(): CommandHandler {
  return async () => {
    await privacyMode.toggle();
  };
}
