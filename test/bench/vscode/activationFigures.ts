// What the activation probe (running inside VS Code) hands to benchmark 5 (running in Node).
import { z } from 'zod';

export const ActivationFiguresSchema = z.object({
  /** Already active when the probe started: then activationMs measured nothing. */
  wasActive: z.boolean(),
  /**
   * The activation as VS Code counts it (its Running Extensions view shows code loading + the
   * activate call): loading the bundle + the span of VS Code's own marks around activate().
   */
  activationMs: z.number(),
  /** Loading (compiling and running) the bundle's top level. */
  loadMs: z.number(),
  /** From VS Code's `willActivateExtension` mark to its `didActivateExtension` mark: activate() and its promise. */
  activateCallMs: z.number(),
  /** `extension.activate()` end to end after loading: the call above plus the extension host's own set-up of the context. */
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
