import { randomBytes } from 'node:crypto';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { type Case, type CaseEvent, caseEvent, type Consent, closedAtOf, type ErasureReason, isOpen } from '../../domain/case.js';
import { caseSubject, type SubjectStaging } from '../crypto/field-cipher.js';
import type { Language } from '../../domain/categories.js';
import { ConcurrentUpdateError, ReferenceTakenError, ReporterChangedError } from '../../domain/errors.js';
import type { CaseNote, CaseStore, CaseUpdate, CreateCaseResult, Intake, NewCaseWrite } from '../../cases/port.js';
import type { Cipher } from '../../cipher.js';
import type { AccessEntry } from '../../domain/access.js';
import type { OutboundMessage } from '../../domain/message.js';
import { encodeAccessEntry } from './access-log.js';
import { indexKeys, keys, SK } from './keys.js';
import { messagePut } from './outbox.js';
import { reporterLinkWrite } from './reporters.js';
import { conflictPause, DynamoTable, epochSeconds, type Item, type LabelledWrite, placeOf, TransactionCancelled } from './table.js';
import { TABLE } from './table-definition.js';
import { normaliseAgentName } from '../../domain/agent-name.js';
import { monthOf } from '../../figures/contribution.js';

const INTAKE_TTL_SECONDS = 30 * 24 * 3600;

// ---- codec (also used on stream images) ---------------------------------------------------------


/** The case item: personal fields sealed, the contact hashed for the reporter index. */
export async function encodeCase(cipher: Cipher, c: Case): Promise<Item> {
  if (c.erased) return encodeErasedCase(c);
  // Each field sealed for this item and this field (see field-cipher.ts): a copy elsewhere does not open.
  const at = (field: string) => ({ ...keys.case(c.id), field });
  const [contactEnc, nikEnc, workerNameEnc, descriptionEnc, agentNameEnc, placesReadEnc, categoryReadEnc] = await Promise.all([
    cipher.encrypt(c.contact, at('contact')),
    c.nik ? cipher.encrypt(c.nik, at('nik')) : undefined,
    c.workerName ? cipher.encrypt(c.workerName, at('workerName')) : undefined,
    cipher.encrypt(c.description, at('description')),
    c.agentName ? cipher.encrypt(c.agentName, at('agentName')) : undefined,
    // The reporter's words a regency or country was read from: sealed like the text they come from.
    c.placesRead ? cipher.encrypt(JSON.stringify(c.placesRead), at('placesRead')) : undefined,
    // The reporter's words a category was read from, likewise.
    c.categoryRead ? cipher.encrypt(JSON.stringify(c.categoryRead), at('categoryRead')) : undefined,
  ]);
  const agent = c.agentName ? normaliseAgentName(c.agentName) : undefined;
  return {
    ...keys.case(c.id), type: 'case',
    id: c.id, reference: c.reference, category: c.category, urgency: c.urgency,
    homeRegency: c.homeRegency, country: c.country, channel: c.channel, reporterType: c.reporterType,
    contactEnc, nikEnc, workerNameEnc, descriptionEnc,
    ...(c.nik ? { nikHash: cipher.lookupHash(c.nik) } : {}),
    smsUpdates: c.smsUpdates, language: c.language, status: c.status, level: c.level,
    assignee: c.assignee, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
    nextCheckAt: c.nextCheckAt, levelSince: c.levelSince,
    // The agent's name sealed like other personal fields; the hash of its normal form finds the same agent across cases.
    agentNameEnc, ...(agent ? { agentHash: cipher.lookupHash(`agent:${agent}`) } : {}),
    placesReadEnc, categoryReadEnc, regencyAskedAt: c.regencyAskedAt,
    acknowledgedAt: c.acknowledgedAt, resolvedAt: c.resolvedAt, escalations: c.escalations,
    confirmedAt: c.confirmedAt, reopenings: c.reopenings, mergedInto: c.mergedInto, consent: c.consent,
    kind: c.kind, dataRequest: c.dataRequest,
    // A data request is in neither the number's conversation (contact index) nor the monthly figures.
    ...(c.kind === 'data_request' ? {} : indexKeys.contact(cipher.lookupHash(c.contact), c.createdAt)),
    ...(c.kind === 'data_request' ? {} : indexKeys.caseMonth(monthOf(c.createdAt), c.createdAt, c.id)),
    ...(c.nextCheckAt ? indexKeys.due(c.nextCheckAt) : isOpen(c) ? {} : indexKeys.retention(closedAtOf(c))),
    ...indexKeys.queue(c),
  };
}

/** The non-personal facts of a case: what an erased case keeps, and what every case item carries. */
function caseFacts(c: Case): Item {
  return {
    ...keys.case(c.id), type: 'case',
    id: c.id, reference: c.reference, category: c.category, urgency: c.urgency,
    homeRegency: c.homeRegency, country: c.country, channel: c.channel, reporterType: c.reporterType,
    smsUpdates: c.smsUpdates, language: c.language, status: c.status, level: c.level,
    assignee: c.assignee, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
    nextCheckAt: c.nextCheckAt, levelSince: c.levelSince,
    acknowledgedAt: c.acknowledgedAt, resolvedAt: c.resolvedAt, escalations: c.escalations,
    confirmedAt: c.confirmedAt, reopenings: c.reopenings, mergedInto: c.mergedInto, consent: c.consent,
    kind: c.kind, dataRequest: c.dataRequest,
  };
}

/**
 * An erased case written again: its facts only, no contact index entry (the number's link to the
 * case is personal data), no retention entry (nothing left to destroy). The agent hash stays: the
 * agent watch's counters are statistics (Art. 15), and it opens nothing without the name.
 */
function encodeErasedCase(c: Case): Item {
  return {
    ...caseFacts(c), smsUpdates: false, nextCheckAt: undefined,
    erasedAt: c.erased!.at, erasedReason: c.erased!.reason, agentHash: c.erased!.agentHash,
    ...(c.kind === 'data_request' ? {} : indexKeys.caseMonth(monthOf(c.createdAt), c.createdAt, c.id)),
    ...indexKeys.queue(c),
  };
}

export async function decodeCase(cipher: Cipher, item: Item): Promise<Case> {
  if (item.erasedAt) return decodeErasedCase(item);
  const [contact, nik, workerName, description, agentName, placesRead, categoryRead] = await Promise.all([
    cipher.decrypt(String(item.contactEnc), placeOf(item, 'contact')),
    item.nikEnc ? cipher.decrypt(String(item.nikEnc), placeOf(item, 'nik')) : undefined,
    item.workerNameEnc ? cipher.decrypt(String(item.workerNameEnc), placeOf(item, 'workerName')) : undefined,
    cipher.decrypt(String(item.descriptionEnc), placeOf(item, 'description')),
    item.agentNameEnc ? cipher.decrypt(String(item.agentNameEnc), placeOf(item, 'agentName')) : undefined,
    item.placesReadEnc ? cipher.decrypt(String(item.placesReadEnc), placeOf(item, 'placesRead')) : undefined,
    item.categoryReadEnc ? cipher.decrypt(String(item.categoryReadEnc), placeOf(item, 'categoryRead')) : undefined,
  ]);
  const c = decodeFacts(item, contact, description);
  if (nik) c.nik = nik;
  if (workerName) c.workerName = workerName;
  if (agentName) c.agentName = agentName;
  if (placesRead) c.placesRead = JSON.parse(placesRead) as Case['placesRead'];
  if (categoryRead) c.categoryRead = JSON.parse(categoryRead) as Case['categoryRead'];
  return c;
}

function decodeErasedCase(item: Item): Case {
  const c = decodeFacts(item, '', '');
  c.erased = { at: String(item.erasedAt), reason: item.erasedReason as ErasureReason, ...(item.agentHash ? { agentHash: String(item.agentHash) } : {}) };
  return c;
}

function decodeFacts(item: Item, contact: string, description: string): Case {
  const c: Case = {
    id: String(item.id), reference: String(item.reference),
    category: item.category as Case['category'], urgency: item.urgency as Case['urgency'],
    homeRegency: item.homeRegency as Case['homeRegency'], country: item.country as Case['country'],
    channel: item.channel as Case['channel'], reporterType: item.reporterType as Case['reporterType'],
    contact, description, smsUpdates: Boolean(item.smsUpdates), language: item.language as Language,
    status: item.status as Case['status'], level: Number(item.level) as Case['level'],
    createdAt: String(item.createdAt), updatedAt: String(item.updatedAt), version: Number(item.version),
  };
  if (item.assignee) c.assignee = String(item.assignee);
  if (item.nextCheckAt) c.nextCheckAt = String(item.nextCheckAt);
  if (item.levelSince) c.levelSince = String(item.levelSince);
  for (const key of ['acknowledgedAt', 'resolvedAt', 'confirmedAt', 'mergedInto', 'regencyAskedAt'] as const) {
    if (item[key] !== undefined) c[key] = String(item[key]);
  }
  if (item.escalations !== undefined) c.escalations = Number(item.escalations);
  if (item.reopenings !== undefined) c.reopenings = Number(item.reopenings);
  if (item.consent) c.consent = item.consent as Consent;
  if (item.kind === 'data_request') c.kind = 'data_request';
  if (item.dataRequest) c.dataRequest = item.dataRequest as Case['dataRequest'];
  return c;
}

function encodeEvent(caseId: string, e: CaseEvent): Item {
  return { ...keys.event(caseId, e.at, randomBytes(4).toString('hex')), at: e.at, actor: e.actor, type: e.type, detail: e.detail };
}

export function decodeEvent(item: Item): CaseEvent {
  return { at: String(item.at), actor: String(item.actor), type: item.type, detail: item.detail ?? {} } as CaseEvent;
}

// ---- the aggregate ------------------------------------------------------------------------------

/**
 * Cases on DynamoDB: the case item, its append-only timeline, its reference and intake keys, its
 * once-keys; every write that must not clobber is conditional, and transactions read their
 * cancellation reasons by label.
 */
export class DynamoCaseStore implements CaseStore {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher & Partial<SubjectStaging>) {}

  /**
   * A new case in one transaction: the case, its reference, the intake key, its first events and
   * messages, the reporter's link, and its own key (crypto-shredding) in the key table, so a new
   * report is that transaction and the reporter's count, two requests. The key is cached only once
   * the transaction committed: a cancelled one (a duplicate delivery, a reference taken) leaves no
   * key item and no cached key.
   */
  async createCase(write: NewCaseWrite): Promise<CreateCaseResult> {
    const c = write.case;
    const phoneHash = write.intake.phone ? this.cipher.lookupHash(write.intake.phone) : undefined;
    const contentHash = this.contentHash(write.intake.content);
    const staged = await this.cipher.stageSubject?.(caseSubject(c.id));
    const cipher = staged?.cipher ?? this.cipher;
    const common: LabelledWrite[] = [
      this.table.putNew('case', await encodeCase(cipher, { ...c, version: 1 })),
      this.table.putNew('reference', { ...keys.reference(c.reference), caseId: c.id, contactHash: this.cipher.lookupHash(c.contact) }),
    ];
    const rest: LabelledWrite[] = [
      ...this.eventPuts(c.id, write.events),
      ...(await this.messagePuts(write.messages, cipher)),
      // A data request is not linked to the number's conversation (its latest case, its references).
      ...(write.reporter ? [reporterLinkWrite(this.table, this.cipher, write.reporter, c, new Date(c.createdAt))] : []),
      ...(write.clearUssdDraft
        ? [{ label: 'ussdDraft', write: { Delete: { TableName: this.table.name, Key: marshall(keys.ussdDraft(this.cipher.lookupHash(c.contact))) } } }]
        : []),
      // Last, so the other items keep their places in the cancellation reasons.
      ...(staged ? [{ label: 'subjectKey', write: staged.keyWrite }] : []),
    ];
    // The first phone with a gateway id gets the plain key; another phone reusing the id gets the
    // key qualified by its phone hash, so its report is its own and its redeliveries still find it.
    const candidates = [keys.intake(write.intake.channel, write.intake.gatewayId), ...(phoneHash ? [keys.intake(write.intake.channel, write.intake.gatewayId, phoneHash)] : [])];
    for (const intakeKey of candidates) {
      const intakeItem = { ...intakeKey, caseId: c.id, contentHash, ...(phoneHash ? { phoneHash } : {}), expiresAt: epochSeconds(new Date(c.createdAt)) + INTAKE_TTL_SECONDS };
      for (let attempt = 1; ; attempt++) {
        try {
          await this.table.transact([...common, this.table.putNew('intake', intakeItem), ...rest]);
          staged?.committed();
          return { created: true, case: { ...c, version: 1 } };
        } catch (error) {
          if (!(error instanceof TransactionCancelled)) throw error;
          // A duplicate delivery already filed it (ConditionalCheckFailed), or is filing it this very
          // moment (TransactionConflict, real DynamoDB only): answer with that case once it is there.
          const intakeTaken = error.failed('intake');
          const intakeBusy = error.failed('intake', 'TransactionConflict');
          if (intakeTaken || intakeBusy) {
            const existing = await this.table.get(intakeKey, true);
            if (existing && phoneHash && existing.phoneHash !== undefined && existing.phoneHash !== phoneHash) break;
            if (existing) return { created: false, caseId: String(existing.caseId), sameContent: existing.contentHash === undefined || existing.contentHash === contentHash };
            if (intakeBusy && attempt < 10) {
              await conflictPause(attempt);
              continue;
            }
          }
          if (error.failed('reference')) throw new ReferenceTakenError('Reference already in use', { cause: error });
          if (error.failed('reporter')) throw new ReporterChangedError('Another report of this reporter was filed meanwhile', { cause: error });
          // A new case's id is random: a live key under it means something is badly wrong, never overwrite it.
          if (error.failed('subjectKey')) throw new Error('A key exists already for the new case', { cause: error });
          // Another transaction held one of the items (the reporter's, typically) at that moment.
          if (error.conflicted && attempt < 10) {
            await conflictPause(attempt);
            continue;
          }
          throw error;
        }
      }
    }
    throw new Error('Intake key taken by another phone twice');
  }

  async findIntake(intake: Intake): Promise<{ caseId: string; sameContent: boolean } | undefined> {
    const phoneHash = intake.phone ? this.cipher.lookupHash(intake.phone) : undefined;
    let item = await this.table.get(keys.intake(intake.channel, intake.gatewayId), true);
    if (item && phoneHash && item.phoneHash !== undefined && item.phoneHash !== phoneHash) {
      item = await this.table.get(keys.intake(intake.channel, intake.gatewayId, phoneHash), true);
    }
    if (!item) return undefined;
    const contentHash = this.contentHash(intake.content);
    return { caseId: String(item.caseId), sameContent: item.contentHash === undefined || item.contentHash === contentHash };
  }

  async getCase(id: string): Promise<Case | undefined> {
    const item = await this.table.get(keys.case(id), true);
    return item ? decodeCase(this.cipher, item) : undefined;
  }

  async getCaseByReference(reference: string, options: { contact?: string } = {}): Promise<Case | undefined> {
    const ref = await this.table.get(keys.reference(reference));
    if (!ref) return undefined;
    // References made since the reference item names its reporter: another number's case is not even read.
    if (options.contact !== undefined && ref.contactHash !== undefined && ref.contactHash !== this.cipher.lookupHash(options.contact)) return undefined;
    return this.getCase(String(ref.caseId));
  }

  async referenceExists(reference: string): Promise<boolean> {
    return (await this.table.get(keys.reference(reference))) !== undefined;
  }

  async findCasesByContact(phone: string, limit = 10): Promise<Case[]> {
    const items = await this.table.query({
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': indexKeys.contactPartition(this.cipher.lookupHash(phone)) }),
      ScanIndexForward: false,
      Limit: limit,
    });
    // The index is eventually consistent; the case item itself is re-read for a current status.
    const cases = await Promise.all(items.map((i) => this.getCase(String(i.id))));
    return cases.filter((c): c is Case => c !== undefined);
  }

  async updateCase(update: CaseUpdate): Promise<boolean> {
    const next = { ...update.case, version: update.expectedVersion + 1 };
    const items: LabelledWrite[] = [
      this.table.put('case', await encodeCase(this.cipher, next), {
        expression: '#v = :v', names: { '#v': 'version' }, values: { ':v': update.expectedVersion },
      }),
      ...(update.onceKeys ?? []).map((key, i) => this.table.putNew(`once:${i}`, { ...keys.once(next.id, key) })),
      ...(update.inboundSmsId
        ? [this.table.putNew('once:inbound', {
            ...keys.inboundSms(update.inboundSmsId), caseId: next.id,
            expiresAt: epochSeconds(new Date(next.updatedAt)) + INTAKE_TTL_SECONDS,
          })]
        : []),
      ...this.eventPuts(next.id, update.events ?? []),
      ...(await this.messagePuts(update.messages ?? [])),
      ...(await this.accessPuts(update.access ?? [])),
      ...(await this.notePuts(next.id, update.notes ?? [])),
      ...(update.related
        ? [
            this.table.check('related', keys.case(update.related.caseId), {
              expression: '#v = :v', names: { '#v': 'version' }, values: { ':v': update.related.version },
            }),
            ...update.related.events.map((e, i) => this.table.putNew(`related-event:${i}`, encodeEvent(update.related!.caseId, e))),
          ]
        : []),
    ];
    try {
      await this.table.transact(items);
      update.case.version = next.version;
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.anyFailed('once:')) return false;
      // TransactionConflict: another transaction held the item at the same moment (real DynamoDB only).
      if (error.failed('case') || error.failed('related') || error.conflicted) throw new ConcurrentUpdateError('Case changed meanwhile', { cause: error });
      throw error;
    }
  }

  async recordOnce(caseId: string | undefined, write: { onceKey?: string; events?: CaseEvent[]; messages?: OutboundMessage[]; access?: AccessEntry[]; notes?: CaseNote[] }): Promise<boolean> {
    const items: LabelledWrite[] = [
      ...(write.onceKey ? [this.table.putNew('once', { ...keys.once(caseId, write.onceKey) })] : []),
      ...(caseId ? this.eventPuts(caseId, write.events ?? []) : []),
      ...(await this.messagePuts(write.messages ?? [])),
      ...(await this.accessPuts(write.access ?? [])),
      ...(caseId ? await this.notePuts(caseId, write.notes ?? []) : []),
    ];
    return this.table.transactOnce(items);
  }

  async timeline(caseId: string): Promise<CaseEvent[]> {
    return (await this.table.queryPrefix(keys.casePartition(caseId), keys.eventPrefix)).map(decodeEvent);
  }

  async casesDueBy(until: Date, limit = 100): Promise<Case[]> {
    const items = await this.table.dueUpTo(indexKeys.duePartition, until.toISOString(), { inclusive: true, limit });
    const cases = await Promise.all(items.map((i) => this.getCase(String(i.id))));
    return cases.filter((c): c is Case => c !== undefined && c.nextCheckAt !== undefined && c.nextCheckAt <= until.toISOString());
  }

  /**
   * Cases whose personal data is due for destruction: erasures left unfinished, then cases no
   * longer open since `closedBefore` or earlier, oldest first (the due index; never a scan).
   */
  async casesToForget(closedBefore: Date, limit: number): Promise<string[]> {
    const unfinished = await this.table.dueUpTo(indexKeys.shredPendingPartition, '\uffff', { inclusive: true, limit });
    const expired = unfinished.length < limit
      ? await this.table.dueUpTo(indexKeys.retentionPartition, closedBefore.toISOString(), { inclusive: true, limit: limit - unfinished.length })
      : [];
    return [...unfinished, ...expired].map((i) => String(i.id));
  }

  /**
   * Destroys a case's personal data, keeping its facts, milestones and timeline. First one
   * transaction (conditional on the version it read, and, with `onlyIfClosed`, on the case not being
   * open): the sealed fields, the NIK hash and the contact index entry leave the case item, the
   * reference forgets the number's hash (no phone's STATUS finds the case any more), the tombstone event is written, and the case is marked
   * `SHRED` pending. Then the case's notes are deleted and its key destroyed (crypto-shredding every
   * copy, see subject-keys.ts), and the mark is cleared. A run that dies half-way is finished by the
   * next (casesToForget lists `SHRED` first); calling it again on an erased case only finishes.
   */
  async erasePersonalData(caseId: string, erasure: { at: string; reason: ErasureReason; actor: string; request?: string; onlyIfClosed: boolean }): Promise<'erased' | 'open' | 'not_found'> {
    for (let attempt = 1; ; attempt++) {
      const item = await this.table.get(keys.case(caseId), true);
      if (!item) return 'not_found';
      if (item.erasedAt) break;
      if (erasure.onlyIfClosed && isOpen({ status: item.status as Case['status'] })) return 'open';
      const event = caseEvent('personal_data_erased', erasure.at, erasure.actor, { reason: erasure.reason, ...(erasure.request ? { request: erasure.request } : {}) });
      const unlink = await this.reporterUnlink(item, caseId);
      try {
        await this.table.transact([
          ...(unlink ? [unlink] : []),
          this.table.update('case', keys.case(caseId), {
            expression: 'SET #erasedAt = :at, #erasedReason = :reason, #version = :next, #updatedAt = :at, #smsUpdates = :false, #g2pk = :shred, #g2sk = :at '
              + 'REMOVE contactEnc, nikEnc, nikHash, workerNameEnc, descriptionEnc, agentNameEnc, placesReadEnc, categoryReadEnc, nextCheckAt, #g1pk, #g1sk',
            condition: '#version = :version AND attribute_not_exists(#erasedAt)',
            names: {
              '#erasedAt': 'erasedAt', '#erasedReason': 'erasedReason', '#version': 'version', '#updatedAt': 'updatedAt', '#smsUpdates': 'smsUpdates',
              '#g1pk': TABLE.byContactIndex.partitionKey, '#g1sk': TABLE.byContactIndex.sortKey,
              '#g2pk': TABLE.dueIndex.partitionKey, '#g2sk': TABLE.dueIndex.sortKey,
            },
            values: { ':at': erasure.at, ':reason': erasure.reason, ':next': Number(item.version) + 1, ':version': Number(item.version), ':false': false, ':shred': indexKeys.shredPendingPartition },
          }),
          // No number's hash matches any more, so STATUS from any phone (the erased one too) finds nothing.
          this.table.update('reference', keys.reference(String(item.reference)), {
            expression: 'SET contactHash = :none', condition: 'attribute_exists(pk)', values: { ':none': 'erased' },
          }),
          ...this.eventPuts(caseId, [event]),
        ]);
        break;
      } catch (error) {
        if (!(error instanceof TransactionCancelled) || attempt >= 5) throw error;
        // The case moved meanwhile (an official acted): read it again and decide again.
        if (error.failed('case') || error.conflicted) { await conflictPause(attempt); continue; }
        throw error;
      }
    }
    for (const note of await this.table.queryPrefix(keys.casePartition(caseId), keys.notePrefix)) {
      await this.table.deleteItem({ pk: String(note.pk), sk: String(note.sk) });
    }
    await this.cipher.shred(caseSubject(caseId), new Date(erasure.at));
    await this.table.updateItem(keys.case(caseId), {
      UpdateExpression: 'REMOVE #g2pk, #g2sk',
      ConditionExpression: 'attribute_exists(erasedAt)',
      ExpressionAttributeNames: { '#g2pk': TABLE.dueIndex.partitionKey, '#g2sk': TABLE.dueIndex.sortKey },
    });
    return 'erased';
  }

  /**
   * The number's link to this case, cut in the erasure's own transaction (issue 22 point 1: "the
   * reporter's number and its link to the case"): the reporter item (`PREF#<number's hash>`, found
   * through the case's contact index key, removed by the same write) loses this case's reference,
   * its report-text hashes that point here, and its "latest case" when that is this one. Nothing else
   * of the item changes: preferences and an opt-out stay (an erasure request cuts those apart).
   */
  private async reporterUnlink(item: Item, caseId: string): Promise<LabelledWrite | undefined> {
    const contactKey = String(item[TABLE.byContactIndex.partitionKey] ?? '');
    if (!contactKey.startsWith('CONTACT#')) return undefined;
    const key = keys.reporter(contactKey.slice('CONTACT#'.length));
    const reporter = await this.table.get(key, true);
    if (!reporter) return undefined;
    const pointsHere = (value: unknown) => String(value).split(' ').at(-1) === caseId;
    const gone = Object.entries(reporter)
      .filter(([name, value]) => (name.startsWith('ref_') || name.startsWith('txt_')) && pointsHere(value))
      .map(([name]) => name);
    if (reporter.latestId === caseId) gone.push('latestId', 'latestRef', 'latestAt', 'latestLang');
    if (gone.length === 0) return undefined;
    return this.table.update('reporter', key, {
      expression: `REMOVE ${gone.map((_, k) => `#u${k}`).join(', ')}`,
      names: Object.fromEntries(gone.map((name, k) => [`#u${k}`, name])),
    });
  }

  /** Stream images are the case item as written: unmarshal, then the same codec as reads. */
  decodeStreamImage(image: Record<string, AttributeValue>): Item {
    return unmarshall(image);
  }

  decodeCase(item: Item): Promise<Case> {
    return decodeCase(this.cipher, item);
  }

  itemKind(image: Record<string, AttributeValue>): 'case' | 'message' | undefined {
    const sk = image[TABLE.sortKey]?.S;
    return sk === SK.case ? 'case' : sk === SK.message ? 'message' : undefined;
  }

  /** Keyed, so the stored hash says nothing about the report without the lookup key. */
  private contentHash(content: string): string {
    return this.cipher.lookupHash(`intake-content:${content}`);
  }

  private eventPuts(caseId: string, events: CaseEvent[]): LabelledWrite[] {
    return events.map((e, i) => this.table.putNew(`event:${i}`, encodeEvent(caseId, e)));
  }

  private async accessPuts(entries: AccessEntry[]): Promise<LabelledWrite[]> {
    return Promise.all(entries.map(async (e, i) => this.table.putNew(`access:${i}`, await encodeAccessEntry(this.cipher, e))));
  }

  /** As the console's notes (case-pages.ts addNote): the text sealed for its own item and field. */
  private async notePuts(caseId: string, notes: CaseNote[]): Promise<LabelledWrite[]> {
    return Promise.all(notes.map(async (n, i) => {
      const key = keys.note(caseId, n.at, randomBytes(4).toString('hex'));
      return this.table.putNew(`note:${i}`, { ...key, at: n.at, officialId: n.officialId, ...(n.kind ? { kind: n.kind } : {}), textEnc: await this.cipher.encrypt(n.text, { ...key, field: 'text' }) });
    }));
  }

  private async messagePuts(messages: OutboundMessage[], cipher: Cipher = this.cipher): Promise<LabelledWrite[]> {
    return Promise.all(messages.map(async (m, i) => this.table.putNew(`message:${i}`, await messagePut(cipher, m))));
  }
}
