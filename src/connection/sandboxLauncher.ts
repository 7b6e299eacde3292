// Starts the bundled sandbox (dist/sandbox.js) as a child process on a free loopback port. A
// child, not in-process: a large data set and its traffic simulator must not weigh on the
// extension host, and stopping it is one signal.
import type { Settings } from '../config/settings';
import type { Log } from '../log/log';
import { spawnSandboxProcess } from '../sandbox/server/sandboxProcess';
import type { SandboxHandle } from './connection';

export interface SandboxLauncherOptions {
  /** Absolute path of dist/sandbox.js inside the installed extension. */
  script: string;
  log: Log;
}

export function sandboxLauncher(options: SandboxLauncherOptions): (settings: Settings) => Promise<SandboxHandle> {
  return async (settings) => {
    const child = await spawnSandboxProcess({
      script: options.script,
      port: 0,
      size: settings['sandbox.size'],
      traffic: settings['sandbox.traffic'],
      // Only stderr (warnings, failures): stdout's start-up summary lists the demo users' passwords.
      onOutput: (line, stream) => {
        if (stream === 'stderr') {
          options.log.debug(`[sandbox] ${line}`);
        }
      },
    });
    return {
      url: child.url,
      pid: child.pid,
      exited: child.exited,
      stop: async () => {
        await child.stop();
      },
    };
  };
}
