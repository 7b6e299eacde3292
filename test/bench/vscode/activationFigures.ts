// What the activation probe (running inside VS Code) hands to benchmark 5 (running in Node).
import { z } from 'zod';

export const ActivationFiguresSchema = z.object({
  /** Already active when the probe started: then activationMs measured nothing. */
  wasActive: z.boolean(),
  /** `extension.activate()`: loading dist/extension.js and running its activate(). */
  activationMs: z.number(),
  /** Of which: loading (compiling and running) the bundle's top level. */
  loadMs: z.number(),
  /** Of which: the extension host's activation and the extension's activate(). */
  activateMs: z.number(),
  hiddenWaitMs: z.number(),
  /** The connection's status after activation, view hidden (`idle`: nothing started). */
  statusHidden: z.string(),
  /** NCX API requests seen while the view was hidden. */
  requestsHidden: z.number().int(),
  statusShown: z.string(),
  /** NCX API requests seen once the view was shown: proves the counting works. */
  requestsShown: z.number().int(),
  firstRequestAfterShownMs: z.number().nullable(),
  sampleRequests: z.array(z.string()),
  otherRequests: z.array(z.string()),
});

export type ActivationFigures = z.infer<typeof ActivationFiguresSchema>;
