import type { CaseEvent } from '../../lib/domain/case.js';
import type { CaseStore } from '../../lib/cases/port.js';
import type { Directory } from '../../lib/officials/port.js';
import type { Outbox } from '../../lib/use-cases/outbox-port.js';
import type { Reporters } from '../../lib/use-cases/reporters-port.js';
import type { UssdDrafts } from '../../lib/ussd/port.js';

/** A timeline event as tests read it: any detail key may be asked for, whatever the event type. */
export type TestEvent = CaseEvent & { type: string; detail: Record<string, string | number | boolean | undefined> };

/** Every aggregate's reads and writes on one object, for tests to look at what the system stored. */
export type StoreView = Omit<CaseStore, 'timeline'> & Outbox & Directory & Reporters & UssdDrafts & {
  timeline(caseId: string): Promise<TestEvent[]>;
};

/** Binds each aggregate's methods onto one object (their names do not overlap). */
export function storeView(ports: { cases: CaseStore; outbox: Outbox; directory: Directory; reporters: Reporters; ussdDrafts: UssdDrafts }): StoreView {
  const view: Record<string, unknown> = {};
  for (const port of [ports.cases, ports.outbox, ports.directory, ports.reporters, ports.ussdDrafts]) {
    let proto: object | null = Object.getPrototypeOf(port);
    while (proto && proto !== Object.prototype) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        const member = (port as unknown as Record<string, unknown>)[name];
        if (name !== 'constructor' && typeof member === 'function' && !(name in view)) view[name] = member.bind(port);
      }
      proto = Object.getPrototypeOf(proto);
    }
  }
  return view as unknown as StoreView;
}
