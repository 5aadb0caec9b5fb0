import type { Directory } from '../officials/port.js';
import { hashPin, LOCAL_PIN_PARAMS } from '../officials/pin.js';
import { DEMO_OFFICIALS } from './demo-directory.js';

/**
 * Seeds the demo directory (idempotent: re-seeding resets the demo officials to their defaults,
 * including unlocking them). Demo PINs are hashed like real ones, with a lower scrypt cost so that
 * every test table and every `npm start` can seed in milliseconds. With `whatsapp`, every demo
 * official takes alerts on WhatsApp (as `npm start` seeds them), SMS as the fallback.
 */
export async function seedDemoDirectory(store: Pick<Directory, 'putOfficial'>, options: { whatsapp?: boolean } = {}): Promise<void> {
  await Promise.all(DEMO_OFFICIALS.map(async ({ demoPin, ...official }) => {
    await store.putOfficial({ ...official, ...(options.whatsapp ? { whatsapp: true } : {}), pinHash: await hashPin(demoPin, LOCAL_PIN_PARAMS), failedPins: 0, locked: false });
  }));
}
