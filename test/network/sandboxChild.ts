// The child side of forkedSandbox.ts: starts a sandbox in its own process with the options its
// parent sent, and answers the parent's questions (counters, searches) over the IPC channel.
import { SandboxOptionsSchema, startSandbox } from '../../src/sandbox';
import { ChildQuestionSchema, type ChildAnswer, type ChildReady } from './forkedSandboxMessages';

const reply = (message: ChildAnswer | ChildReady): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const sandbox = await startSandbox(SandboxOptionsSchema.parse(JSON.parse(process.argv[2] ?? '{}')));
  process.on('message', (raw: unknown) => {
    const parsed = ChildQuestionSchema.safeParse(raw);
    if (!parsed.success) return;
    const question = parsed.data;
    if (question.kind === 'stop') {
      void sandbox.stop().then(() => process.exit(0));
      return;
    }
    if (question.kind === 'counters') {
      reply({
        id: question.id,
        counters: {
          requests: sandbox.counters.requests,
          connections: sandbox.network?.connections ?? sandbox.counters.connections,
          handshakes: sandbox.counters.tlsHandshakes,
        },
      });
      return;
    }
    const found = sandbox.store.search({ q: question.q, rows: question.rows, start: question.start });
    reply({ id: question.id, search: { total: found.total, ids: found.objects.map((workitem) => workitem.workitemId) } });
  });
  // The parent going away takes the child with it.
  process.on('disconnect', () => void sandbox.stop().finally(() => process.exit(0)));
  reply({ ready: true, url: sandbox.url, caPath: sandbox.caPath });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
