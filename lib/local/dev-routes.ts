import type { LocalSystem as Runtime } from '../composition/local.js';
import type { DevRoute } from './server.js';
import { DEMO_OFFICIALS } from './demo-directory.js';

const ok = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body) });

function readJson(body: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Local-only routes: never deployed (the CDK stack has no such routes). */
export function devRoutes(runtime: Runtime, extra: { ready: () => boolean }): Record<string, DevRoute> {
  const outbox = runtime.outbox;
  const clock = runtime.clock;
  return {
    'GET /healthz': async () => (extra.ready() ? ok({ status: 'ok' }) : ok({ status: 'starting' }, 503)),
    'GET /dev/outbox': async () => ok(outbox.entries),
    'DELETE /dev/outbox': async () => { outbox.clear(); return ok({ cleared: true }); },
    'GET /dev/events': async () => ok(outbox.events),
    'GET /dev/clock': async () => ok({ now: clock.now().toISOString() }),
    'POST /dev/clock': async (_req, body) => {
      const minutes = Number(readJson(body).advanceMinutes);
      if (!Number.isFinite(minutes) || minutes < 0 || minutes > 60 * 24 * 365) {
        return ok({ error: 'VALIDATION', fields: { advanceMinutes: 'A number of minutes from 0 to 525600' } }, 400);
      }
      return ok({ now: clock.advance(minutes).toISOString() });
    },
    'POST /dev/faults': async (_req, body) => {
      const { route, failing } = readJson(body);
      if ((route !== 'africastalking' && route !== 'sns') || typeof failing !== 'boolean') {
        return ok({ error: 'VALIDATION', fields: { route: 'africastalking or sns', failing: 'true or false' } }, 400);
      }
      outbox.setFailing(route, failing);
      return ok({ route, failing });
    },
    // `whatsapp`: whether `npm start` seeded the demo officials as taking alerts on WhatsApp (DEMO_OFFICIALS_WHATSAPP).
    'GET /dev/officials': async () => ok(DEMO_OFFICIALS.map(({ id, name, phone, level, regencies, demoPin }) => ({
      id, name, phone, level, regencies, pin: demoPin, whatsapp: runtime.config.local.demoOfficialsWhatsApp,
    }))),
  };
}
