import type { Runtime } from '../wiring.js';
import type { DevRoute } from './server.js';

/** Local-only pages (the phone simulator lives here). */
export function extraDevRoutes(_runtime: Runtime): Record<string, DevRoute> {
  return {};
}
