export { generateDataset, liveCountFor, MAX_DATASET_SIZE } from './generator';
export { createArrival, type ArrivalContext } from './arrival';
export { createRng, weightedTable, type Rng, type WeightedTable } from './prng';
export {
  AGENTS,
  CAMPAIGN_IDS,
  DISPOSITION_IDS,
  EXAMPLE_AGENT,
  QUEUES,
  SANDBOX_TENANT_ID,
  type SandboxQueue,
} from './catalog';
export { ACD_USER, SYSTEM_USER } from './build';
