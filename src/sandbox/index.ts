// The sandbox's public face: start it in this process, or run the bundled CLI as a child process.
export {
  startSandbox,
  SandboxOptionsSchema,
  DEFAULT_SEED,
  DEFAULT_SIZE,
  type RunningSandbox,
  type SandboxOptions,
} from './server/startSandbox';
export {
  spawnSandboxProcess,
  type SandboxExit,
  type SandboxProcess,
  type SandboxProcessOptions,
} from './server/sandboxProcess';
export { urlOfReadyLine, READY_PREFIX } from './server/readyLine';
export { DEFAULT_CLI_PORT } from './server/cliArguments';
export { DEFAULT_USERS, type SandboxUser } from './auth/users';
export { DEFAULT_TOKEN_LIFETIME_SECONDS } from './auth/tokens';
export type { FaultRule } from './contracts';
export type { TrafficScheduler } from './traffic/scheduler';
export type { TickReport, TrafficSimulator } from './traffic/simulator';
export type { TrafficTimings } from './traffic/timings';
