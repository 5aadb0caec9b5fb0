import type { HotlineStore } from '../ports.js';
import { DEMO_OFFICIALS } from './demo-directory.js';

/** Seeds the demo directory (idempotent: re-seeding resets the demo officials to their defaults). */
export async function seedDemoDirectory(store: HotlineStore): Promise<void> {
  for (const { demoPin: _pin, ...official } of DEMO_OFFICIALS) {
    await store.putOfficial({ ...official, failedPins: 0, locked: false });
  }
}
