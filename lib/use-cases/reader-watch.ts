import type { AccessEntry, AccessedField } from '../domain/access.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official } from '../domain/official.js';
import { normaliseReference } from '../domain/reference.js';
import type { AccessLog } from '../cases/access-log-port.js';
import type { CaseStore } from '../cases/port.js';
import type { Directory } from '../officials/port.js';
import type { Clock } from '../clock.js';
import type { Policy } from '../config.js';
import { logger } from '../logger.js';
import type { ReadsStore } from './reader-watch-port.js';

export interface ReaderWatchDeps {
  reads: ReadsStore;
  directory: Pick<Directory, 'listOfficials'>;
  cases: Pick<CaseStore, 'recordOnce'>;
  clock: Clock;
  policy: Pick<Policy, 'readerAlert'>;
}

/** Fields that are a person's data (not the figures or the case list, which hold none). */
const PERSONAL: ReadonlySet<AccessedField> = new Set(['text', 'contact', 'nik', 'worker_name', 'agent_name']);

/** A view that showed one case's personal data. */
function readOfCase(e: AccessEntry): string | undefined {
  if (e.action !== 'viewed' && e.action !== 'nik_revealed' && e.action !== 'exported' && e.action !== 'printed') return undefined;
  if (!e.fields.some((f) => PERSONAL.has(f))) return undefined;
  return normaliseReference(e.reference);
}

/** The officials told: BP3MI, and the level above the reader (the desk for a regency officer); never the reader. */
export function readerAlertRecipients(reader: Pick<Official, 'id' | 'level'>, officials: readonly Official[]): Official[] {
  return officials.filter((o) => o.active && o.id !== reader.id && (o.level === 3 || o.level === reader.level + 1));
}

/** The alert: who read, how many cases, in how long. Nothing about the cases or the people in them. */
export function readerAlertText(reader: Pick<Official, 'id' | 'name'>, cases: number, minutes: number): string {
  return `AKSES DATA: ${reader.name} (${reader.id}) membuka data pribadi ${cases} kasus dalam ${minutes} menit. Cek Log akses di konsol; BP3MI dapat mengakhiri sesinya.`;
}

/**
 * The reader alert (UU 27/2022 accountability; issue 22 point 5). Every view of a case's personal
 * data is counted per official; when one official has viewed more than `readerAlert.cases` distinct
 * cases within `readerAlert.minutes`, BP3MI and the level above get an SMS (queued in the outbox,
 * sent by the stream like every alert) and the access log gets a `reader_alert` entry, in one write,
 * once per official and window. It never blocks: the view was already logged and is shown; a
 * failure here is logged (no personal data) and swallowed, since an emergency may need the reads.
 */
export async function watchRead(deps: ReaderWatchDeps, entry: AccessEntry): Promise<'counted' | 'alerted' | 'ignored'> {
  const reference = readOfCase(entry);
  if (!reference) return 'ignored';
  const { cases: limit, minutes } = deps.policy.readerAlert;
  const windowMs = minutes * 60_000;
  const at = new Date(entry.at);
  const count = await deps.reads.recordRead(entry.officialId, reference, at, new Date(at.getTime() - windowMs));
  if (count <= limit) return 'counted';
  const officials = await deps.directory.listOfficials();
  const reader = officials.find((o) => o.id === entry.officialId);
  if (!reader) return 'counted';
  const bucket = Math.floor(at.getTime() / windowMs);
  const now = deps.clock.now().toISOString();
  const messages: OutboundMessage[] = readerAlertRecipients(reader, officials).map((o) => ({
    id: `reader-alert.${reader.id}.${bucket}.${o.id}`, audience: 'official', to: o.phone, officialId: o.id, level: o.level,
    purpose: 'reader_alert', text: readerAlertText(reader, count, minutes), status: 'pending', attempts: 0, createdAt: now,
  }));
  const first = await deps.cases.recordOnce(undefined, {
    onceKey: `reader-alert.${reader.id}.${bucket}`, messages,
    access: [{ at: entry.at, officialId: reader.id, action: 'reader_alert', reference: '-', fields: [], cases: count }],
  });
  return first ? 'alerted' : 'counted';
}

/** The access log with the reader watch after every append: the console's views go through it. */
export function watchedAccessLog(log: AccessLog, deps: ReaderWatchDeps): AccessLog {
  return {
    day: (day, limit, cursor) => log.day(day, limit, cursor),
    append: async (entry) => {
      await log.append(entry);
      try {
        await watchRead(deps, entry);
      } catch (error) {
        logger.warn('reader watch failed', { errorName: error instanceof Error ? error.name : 'unknown', officialId: entry.officialId });
      }
    },
  };
}
