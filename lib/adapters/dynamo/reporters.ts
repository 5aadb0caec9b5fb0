import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Case } from '../../domain/case.js';
import type { Language } from '../../domain/categories.js';
import type { ReporterLink } from '../../cases/port.js';
import type { Cipher } from '../../cipher.js';
import type { OutboundMessage } from '../../domain/message.js';
import type { ReporterPrefs } from '../../domain/reporter.js';
import type { Reporter, ReporterCounter, Reporters } from '../../use-cases/reporters-port.js';
import { keys } from './keys.js';
import { messagePut } from './outbox.js';
import { type DynamoTable, epochSeconds, type Item, type LabelledWrite, retryTransactionConflicts, TransactionCancelled } from './table.js';
import { TABLE } from './table-definition.js';

const HOUR = 3600;
const DAY = 24 * HOUR;
const HOURLY: readonly ReporterCounter[] = ['inbound', 'statusLookups', 'newCases', 'replies'];
const COUNTERS: readonly ReporterCounter[] = [...HOURLY, 'confirmations'];

// ---- codec ----------------------------------------------------------------------------------------
//
// One item per reporter (keys.reporter, by the phone's keyed hash): the preferences, the latest case,
// a `ref_<reference>` attribute per case (its id) and a `txt_<hash>` per first report text, and the
// counters of the current window as `n_<counter>_<window>`. Gateway ids seen this hour and the last
// are a string set `seen_<hour>`. A counter's window is part of its name, so counting never needs a
// reset; each touch removes the previous windows' names, and a write of the item removes any older
// ones the touch saw.

const windowOf = (counter: ReporterCounter, now: Date) => Math.floor(epochSeconds(now) / (counter === 'confirmations' ? DAY : HOUR));
const counterName = (counter: ReporterCounter, window: number) => `n_${counter}_${window}`;
const seenName = (hour: number) => `seen_${hour}`;
const REF_PREFIX = 'ref_';
const TEXT_PREFIX = 'txt_';
/**
 * References and report texts kept per reporter (newest first): bounds the item however many forms
 * name one number. An older reference still answers STATUS, through its reference item.
 */
const KEEP_REFERENCES = 50;
const KEEP_TEXTS = 20;
/** `ref_` and `txt_` values are `<created at> <case id>`, so the oldest can be let go. */
const linkValue = (c: Case) => `${c.createdAt} ${c.id}`;
const caseIdOf = (value: unknown) => String(value).split(' ').at(-1)!;

export function decodePrefs(item: Item | undefined): ReporterPrefs {
  if (!item) return {};
  return {
    ...(item.language ? { language: item.language as Language } : {}),
    ...(item.smsStopped !== undefined ? { smsStopped: Boolean(item.smsStopped) } : {}),
    ...(item.lastChannel ? { lastChannel: item.lastChannel as 'sms' | 'whatsapp' } : {}),
    ...(item.whatsappAt ? { whatsappAt: String(item.whatsappAt) } : {}),
    ...(item.consentVersion ? { consentVersion: String(item.consentVersion) } : {}),
  };
}

function decodeReporter(cipher: Cipher, item: Item | undefined, now: Date, extra: { duplicate: boolean; text?: string }): Reporter {
  const i = item ?? {};
  const counts = Object.fromEntries(COUNTERS.map((c) => [c, Number(i[counterName(c, windowOf(c, now))] ?? 0)])) as Record<ReporterCounter, number>;
  const casesByReference: Record<string, string> = {};
  const stale: string[] = [];
  const refs: Array<[string, string]> = [];
  const texts: Array<[string, string]> = [];
  const hour = windowOf('inbound', now);
  for (const [name, value] of Object.entries(i)) {
    if (name.startsWith(REF_PREFIX)) {
      casesByReference[name.slice(REF_PREFIX.length)] = caseIdOf(value);
      refs.push([name, String(value)]);
    }
    if (name.startsWith(TEXT_PREFIX)) texts.push([name, String(value)]);
    const counter = /^n_([a-zA-Z]+)_(\d+)$/.exec(name);
    if (counter && Number(counter[2]) < windowOf(counter[1] as ReporterCounter, now)) stale.push(name);
    const seen = /^seen_(\d+)$/.exec(name);
    if (seen && Number(seen[1]) < hour - 1) stale.push(name);
  }
  // Beyond what is kept, the oldest go with the next write of the item (one more is made room for).
  const oldest = (links: Array<[string, string]>, keep: number) => links.sort((a, b) => a[1].localeCompare(b[1])).slice(0, Math.max(0, links.length - keep + 1)).map(([n]) => n);
  stale.push(...oldest(refs, KEEP_REFERENCES), ...oldest(texts, KEEP_TEXTS));
  const sameText = extra.text !== undefined ? i[textName(cipher, extra.text)] : undefined;
  return {
    prefs: decodePrefs(i), counts, duplicate: extra.duplicate, wrote: Boolean(i.wrote), casesByReference, stale,
    revision: Number(i.rev ?? 0),
    ...(i.latestId ? {
      latest: { caseId: String(i.latestId), reference: String(i.latestRef), at: String(i.latestAt), language: i.latestLang as Language },
    } : {}),
    ...(sameText ? { sameTextCaseId: caseIdOf(sameText) } : {}),
  };
}

function textName(cipher: Cipher, text: string): string {
  return `${TEXT_PREFIX}${cipher.lookupHash(`report-text:${text}`)}`;
}

/**
 * The reporter's side of a new case, written in the case's transaction: the latest case, the
 * reference, the text, the new-case count; conditional on the revision the reporter was read at
 * when reports of one reporter must be filed one at a time.
 */
export function reporterLinkWrite(table: DynamoTable, cipher: Cipher, link: ReporterLink, c: Case, now: Date): LabelledWrite {
  const names: Record<string, string> = { '#ref': `${REF_PREFIX}${c.reference}` };
  const values: Item = { ':zero': 0, ':one': 1, ':id': c.id, ':link': linkValue(c), ':reference': c.reference, ':at': c.createdAt, ':lang': c.language };
  const sets = ['rev = if_not_exists(rev, :zero) + :one', 'latestId = :id', 'latestRef = :reference', 'latestAt = :at', 'latestLang = :lang', '#ref = :link'];
  if (link.text !== undefined) {
    names['#txt'] = textName(cipher, link.text);
    sets.push('#txt = :link');
  }
  if (link.consentTold !== undefined) {
    sets.push('consentVersion = :consent');
    values[':consent'] = link.consentTold;
  }
  const adds: string[] = [];
  if (link.countNewCase) {
    names['#newCases'] = counterName('newCases', windowOf('newCases', now));
    adds.push('#newCases :one');
  }
  const removes = (link.stale ?? []).filter((n) => !Object.values(names).includes(n)).map((n, k) => {
    names[`#stale${k}`] = n;
    return `#stale${k}`;
  });
  let condition: string | undefined;
  if (link.expectedRevision === 0) condition = 'attribute_not_exists(rev)';
  else if (link.expectedRevision !== undefined) {
    condition = 'rev = :rev';
    values[':rev'] = link.expectedRevision;
  }
  return table.update('reporter', keys.reporter(cipher.lookupHash(link.phone)), {
    expression: `SET ${sets.join(', ')}${adds.length ? ` ADD ${adds.join(', ')}` : ''}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
    ...(condition ? { condition } : {}),
    names, values,
  });
}

// ---- the aggregate ------------------------------------------------------------------------------

/**
 * Reporters by phone (keyed by the phone's keyed hash, never the number): one item each, read and
 * counted in one request; fixed-window counters for anything else (an IP, an official) expire by TTL.
 */
export class DynamoReporters implements Reporters {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async touch(phone: string, now: Date, hit: { counters?: ReporterCounter[]; gatewayId?: string; wrote?: boolean; text?: string; channel?: 'sms' | 'whatsapp' }): Promise<Reporter> {
    const key = keys.reporter(this.cipher.lookupHash(phone));
    const counters = [...new Set(hit.counters ?? [])];
    if (counters.length === 0 && !hit.gatewayId && !hit.wrote) {
      return decodeReporter(this.cipher, await this.table.get(key, true), now, { duplicate: false, ...(hit.text !== undefined ? { text: hit.text } : {}) });
    }
    const hour = windowOf('inbound', now);
    const names: Record<string, string> = {};
    const values: Item = counters.length ? { ':one': 1 } : {};
    const adds = counters.map((c, k) => {
      names[`#c${k}`] = counterName(c, windowOf(c, now));
      return `#c${k} :one`;
    });
    const sets: string[] = [];
    if (hit.wrote) {
      sets.push('wrote = :true');
      values[':true'] = true;
    }
    // How the number wrote, in the same request: the channel rule answers the way the person wrote.
    if (hit.channel) {
      sets.push('lastChannel = :channel');
      values[':channel'] = hit.channel;
      if (hit.channel === 'whatsapp') {
        sets.push('whatsappAt = :now');
        values[':now'] = now.toISOString();
      }
    }
    let condition: string | undefined;
    if (hit.gatewayId) {
      names['#seenNow'] = seenName(hour);
      names['#seenPrev'] = seenName(hour - 1);
      values[':ids'] = new Set([hit.gatewayId]);
      values[':id'] = hit.gatewayId;
      adds.push('#seenNow :ids');
      condition = 'NOT contains(#seenNow, :id) AND NOT contains(#seenPrev, :id)';
    }
    // The windows just gone by; anything older is removed by the next write that sees it.
    const gone = [
      ...HOURLY.flatMap((c) => [counterName(c, hour - 1), counterName(c, hour - 2)]),
      counterName('confirmations', windowOf('confirmations', now) - 1),
      seenName(hour - 2), seenName(hour - 3),
    ];
    const removes = gone.map((n, k) => {
      names[`#gone${k}`] = n;
      return `#gone${k}`;
    });
    try {
      const out = await retryTransactionConflicts(() => this.table.db.send(new UpdateItemCommand({
        TableName: this.table.name, Key: marshall(key),
        UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}${adds.length ? `ADD ${adds.join(', ')} ` : ''}REMOVE ${removes.join(', ')}`,
        ...(condition ? { ConditionExpression: condition } : {}),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      })));
      return decodeReporter(this.cipher, unmarshall(out.Attributes ?? {}), now, { duplicate: false, ...(hit.text !== undefined ? { text: hit.text } : {}) });
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // This gateway id was counted before: answer from the item as it is, counting nothing.
      const item = error.Item ? unmarshall(error.Item) : await this.table.get(key, true);
      return decodeReporter(this.cipher, item, now, { duplicate: true, ...(hit.text !== undefined ? { text: hit.text } : {}) });
    }
  }

  async getPrefs(phone: string): Promise<ReporterPrefs> {
    return decodePrefs(await this.table.get(keys.reporter(this.cipher.lookupHash(phone)), true));
  }

  async setPrefs(phone: string, prefs: ReporterPrefs): Promise<void> {
    const sets = Object.entries(prefs).filter(([, v]) => v !== undefined);
    if (sets.length === 0) return;
    await retryTransactionConflicts(() => this.table.db.send(new UpdateItemCommand({
      TableName: this.table.name,
      Key: marshall(keys.reporter(this.cipher.lookupHash(phone))),
      UpdateExpression: `SET ${sets.map(([k]) => `#${k} = :${k}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(sets.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: marshall(Object.fromEntries(sets.map(([k, v]) => [`:${k}`, v]))),
    })));
  }

  async queueReply(message: OutboundMessage, budget: { maxPerHour: number; now: Date }): Promise<'queued' | 'duplicate' | 'over_budget'> {
    const message_ = await messagePut(this.cipher, message);
    try {
      await retryTransactionConflicts(() => this.table.transact([
        this.table.putNew('message', message_),
        this.table.update('reporter', keys.reporter(this.cipher.lookupHash(message.to)), {
          expression: 'ADD #replies :one',
          condition: 'attribute_not_exists(#replies) OR #replies < :max',
          names: { '#replies': counterName('replies', windowOf('replies', budget.now)) },
          values: { ':one': 1, ':max': budget.maxPerHour },
        }),
      ]));
      return 'queued';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed('message')) return 'duplicate';
      if (error.failed('reporter')) return 'over_budget';
      throw error;
    }
  }

  async forget(phone: string): Promise<void> {
    const key = keys.reporter(this.cipher.lookupHash(phone));
    const item = await this.table.get(key, true);
    if (!item) return;
    // Kept: the opt-out (an objection outlives the erasure, as a suppression list does) and the counts
    // that bound what one number can cost (`n_`, `seen_`: they expire with their window, name no case).
    const kept = (name: string) => name === TABLE.partitionKey || name === TABLE.sortKey || name === 'smsStopped' || /^(n|seen)_/.test(name);
    const gone = Object.keys(item).filter((name) => !kept(name));
    if (gone.length === 0) return;
    await retryTransactionConflicts(() => this.table.db.send(new UpdateItemCommand({
      TableName: this.table.name, Key: marshall(key),
      UpdateExpression: `REMOVE ${gone.map((_, k) => `#g${k}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(gone.map((name, k) => [`#g${k}`, name])),
    })));
  }
}
