// The real sandbox, started in-process for the API tests, with helpers to sign in and to make it
// misbehave through its fault-injection endpoint.
import { z } from 'zod';
import { signIn } from '../../../../src/api/auth';
import { request } from '../../../../src/api/http';
import { startSandbox, type FaultRule, type RunningSandbox, type SandboxOptions } from '../../../../src/sandbox';

export type SandboxUserName = 'admin' | 'agent' | 'viewer';

const FAULTS_PATH = '/__sandbox/faults';
const FaultListSchema = z.object({ rules: z.array(z.looseObject({ times: z.number().optional() })) });

export interface TestSandbox {
  sandbox: RunningSandbox;
  url: string;
  /** A fresh token of one of the default users. */
  tokenFor(user: SandboxUserName): Promise<string>;
  setFaults(rules: FaultRule[]): Promise<void>;
  clearFaults(): Promise<void>;
  /** The fault rules still in force, `times` showing what is left of each. */
  faults(): Promise<{ times?: number }[]>;
  stop(): Promise<void>;
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, size: 2000, seed: 7, traffic: false, allowFaults: true, ...options });
  const control = { baseUrl: sandbox.url, retries: 0 };
  return {
    sandbox,
    url: sandbox.url,
    async tokenFor(user) {
      const answer = await signIn({ loginUrl: sandbox.url, username: user, password: `${user}-password` });
      return answer.token;
    },
    async setFaults(rules) {
      await request(control, { method: 'PUT', path: FAULTS_PATH, body: { rules }, expected: 'fault rules', answer: FaultListSchema });
    },
    async clearFaults() {
      await request(control, { method: 'DELETE', path: FAULTS_PATH, expected: 'fault rules', answer: FaultListSchema });
    },
    async faults() {
      const answer = await request(control, { method: 'GET', path: FAULTS_PATH, expected: 'fault rules', answer: FaultListSchema });
      return answer.rules;
    },
    stop: () => sandbox.stop(),
  };
}
