// The fixed cast of the sandbox tenant: queues, agents, dispositions and campaigns. They do not
// depend on the seed, so documentation and tests can name them (`q_support`, `jason.fontenot`).
import type { Queue } from '../../api/schemas';
import { PRESENCES, type Agent } from '../contracts';
import { FIRST_NAMES, LAST_NAMES } from './names';
import { createRng } from './prng';

export const SANDBOX_TENANT_ID = 't_sandbox';

/** A queue with the addresses customers reach it on (extra fields a loose Queue keeps). */
export interface SandboxQueue extends Queue {
  phoneNumber: string;
  email: string;
  socialHandle: string;
  /** Seconds a workitem of the channel may wait in the queue (see src/model/live/queueSla.ts). */
  voiceSLA: number;
  chatSLA: number;
  emailSLA: number;
  socialSLA: number;
}

/** Service levels in seconds; the VIP queue answers faster, the social queue slower. */
const SLA_SECONDS: Readonly<Record<string, { voice: number; chat: number; email: number; social: number }>> = {
  q_vip: { voice: 10, chat: 30, email: 1800, social: 900 },
  q_social: { voice: 60, chat: 120, email: 7200, social: 3600 },
};
const DEFAULT_SLA_SECONDS = { voice: 20, chat: 60, email: 3600, social: 1800 };

export const QUEUES: readonly SandboxQueue[] = [
  queue('q_support', 'Customer Support', 'General questions and account help', '+18005550100', 'support'),
  queue('q_sales', 'Sales', 'New customers and upgrades', '+18005550110', 'sales'),
  queue('q_billing', 'Billing', 'Invoices, payments and refunds', '+18005550120', 'billing'),
  queue('q_technical', 'Technical Support', 'Outages, configuration and troubleshooting', '+18005550130', 'techsupport'),
  queue('q_retention', 'Retention', 'Cancellation requests and win-back offers', '+18005550140', 'retention'),
  queue('q_vip', 'VIP Accounts', 'Enterprise and premium customers', '+18005550150', 'vip'),
  queue('q_spanish', 'Soporte en Español', 'Spanish-speaking customers', '+18005550160', 'soporte'),
  queue('q_social', 'Social Care', 'Facebook, Instagram, Twitter and WhatsApp messages', '+18005550170', 'social'),
];

/** The username the NCX documentation uses in its example; always an agent of the sandbox. */
export const EXAMPLE_AGENT = 'jason.fontenot';
const AGENT_COUNT = 40;

export const AGENTS: readonly Agent[] = buildAgents();

export const DISPOSITION_IDS = {
  resolved: 'disp_resolved',
  followUp: 'disp_follow_up',
  callback: 'disp_callback',
  escalated: 'disp_escalated',
  sale: 'disp_sale',
  voicemail: 'disp_voicemail',
  wrongNumber: 'disp_wrong_number',
  noAnswer: 'disp_no_answer',
  abandoned: 'disp_abandoned',
} as const;

export const CAMPAIGN_IDS: readonly string[] = ['cmp_renewals', 'cmp_winback', 'cmp_survey', 'cmp_collections'];

/** The disposition objects of `GET /data/api/types/disposition` (NCX's fields: `_id`, `dispositionId`, `name`). */
export const DISPOSITIONS: ReadonlyArray<{ _id: string; dispositionId: string; name: string }> = [
  ['resolved', 'Resolved'],
  ['followUp', 'Follow-up Required'],
  ['callback', 'Callback'],
  ['escalated', 'Escalated'],
  ['sale', 'Sale'],
  ['voicemail', 'Voicemail'],
  ['wrongNumber', 'Wrong Number'],
  ['noAnswer', 'No Answer'],
  ['abandoned', 'Abandoned'],
].map(([key, name]) => {
  const id = DISPOSITION_IDS[key as keyof typeof DISPOSITION_IDS];
  return { _id: id, dispositionId: id, name: name ?? id };
});

/** The campaign objects of `GET /data/api/types/campaign`. */
export const CAMPAIGNS: ReadonlyArray<{ _id: string; campaignId: string; name: string }> = [
  ['cmp_renewals', 'Renewals'],
  ['cmp_winback', 'Win-back'],
  ['cmp_survey', 'Satisfaction Survey'],
  ['cmp_collections', 'Collections'],
].map(([id = '', name = '']) => ({ _id: id, campaignId: id, name }));

/** A user object of `GET /data/api/types/user`: `_id` is the user name workitems carry in `agentUsername`. */
export function userObject(agent: Agent): Record<string, unknown> {
  return {
    _id: agent.username,
    username: agent.username,
    firstName: agent.firstName,
    lastName: agent.lastName,
    name: `${agent.firstName} ${agent.lastName}`,
    presence: agent.presence,
    queues: agent.queues,
  };
}

function queue(id: string, name: string, description: string, phoneNumber: string, mailbox: string): SandboxQueue {
  return {
    _id: id,
    name,
    description,
    phoneNumber,
    email: `${mailbox}@acme.example.com`,
    socialHandle: `@Acme${mailbox.charAt(0).toUpperCase()}${mailbox.slice(1)}`,
    voiceSLA: (SLA_SECONDS[id] ?? DEFAULT_SLA_SECONDS).voice,
    chatSLA: (SLA_SECONDS[id] ?? DEFAULT_SLA_SECONDS).chat,
    emailSLA: (SLA_SECONDS[id] ?? DEFAULT_SLA_SECONDS).email,
    socialSLA: (SLA_SECONDS[id] ?? DEFAULT_SLA_SECONDS).social,
  };
}

/** `Müller` → `muller`, `O'Brien` → `obrien`: user names and mailboxes are plain ASCII. */
export function asciiWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function buildAgents(): Agent[] {
  // A fixed seed of its own: the roster must not change with the data set's seed.
  const rng = createRng(0x5eed);
  const agents: Agent[] = [];
  const taken = new Set<string>();
  const add = (firstName: string, lastName: string): void => {
    const username = `${asciiWord(firstName)}.${asciiWord(lastName)}`;
    if (taken.has(username)) {
      return;
    }
    taken.add(username);
    // Every agent serves two or three queues; the modulo spreads first queues evenly.
    const queues = new Set<string>([QUEUES[agents.length % QUEUES.length]._id]);
    const extra = rng.int(1, 2);
    while (queues.size < 1 + extra) {
      queues.add(rng.pick(QUEUES)._id);
    }
    // Presence by position, not from the PRNG: the roster's names must not change with it.
    const presence = PRESENCES[agents.length % PRESENCES.length] ?? 'available';
    agents.push({ username, firstName, lastName, queues: [...queues], presence });
  };
  add('Jason', 'Fontenot');
  while (agents.length < AGENT_COUNT) {
    add(rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
  }
  return agents;
}

/** Agents by the queues they serve. */
export function agentsByQueue(agents: readonly Agent[]): Map<string, Agent[]> {
  const byQueue = new Map<string, Agent[]>();
  for (const agent of agents) {
    for (const queueId of agent.queues) {
      const list = byQueue.get(queueId) ?? [];
      list.push(agent);
      byQueue.set(queueId, list);
    }
  }
  return byQueue;
}
