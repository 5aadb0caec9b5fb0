import type { Ports } from '../ports.js';
import { createFiguresHandler } from '../../jobs/figures.js';

/** The figures stream consumer (lib/jobs/figures.ts): the counters only, no key, no secret. */
export function create(p: Pick<Ports, 'figures' | 'policy'>) {
  return createFiguresHandler({ figures: p.figures, policy: p.policy });
}
