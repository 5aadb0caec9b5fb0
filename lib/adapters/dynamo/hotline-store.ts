import {
  type AttributeValue,
  ConditionalCheckFailedException,
  type DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type TransactWriteItem,
  UpdateItemCommand,
  DeleteItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { randomBytes } from 'node:crypto';
import type { Case, CaseEvent } from '../../domain/case.js';
import { ConcurrentUpdateError, ReferenceTakenError } from '../../domain/errors.js';
import type { Language } from '../../domain/categories.js';
import type {
  CaseUpdate, Cipher, CreateCaseResult, HotlineStore, MessageStatus, NewCaseWrite,
  Official, OutboundMessage, ReporterPrefs,
} from '../../ports.js';
import { TABLE } from './table-definition.js';
import { normaliseAgentName } from '../../domain/agent-name.js';
import { caseMonthIndexKeys } from './figures-keys.js';

type Item = Record<string, unknown>;

const INTAKE_TTL_SECONDS = 30 * 24 * 3600;
const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * The DynamoDB adapter of the HotlineStore port: one table (see table-definition.ts), personal
 * fields sealed by the Cipher before they leave the process, and every write that must not clobber
 * guarded by a condition.
 */
export class DynamoHotlineStore implements HotlineStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly tableName: string,
    private readonly cipher: Cipher,
  ) {}

  // ---- cases ---------------------------------------------------------------------------------

  async createCase(write: NewCaseWrite): Promise<CreateCaseResult> {
    const c = write.case;
    const items: TransactWriteItem[] = [
      this.putNew(await this.caseItem({ ...c, version: 1 })),
      this.putNew({ pk: `REF#${c.reference}`, sk: 'REF', caseId: c.id }),
      this.putNew({ pk: `INTAKE#${write.intakeKey}`, sk: 'INTAKE', caseId: c.id, expiresAt: epochSeconds(new Date(c.createdAt)) + INTAKE_TTL_SECONDS }),
      ...this.eventPuts(c.id, write.events),
      ...(await this.messagePuts(write.messages)),
    ];
    for (let attempt = 1; ; attempt++) {
      try {
        await this.db.send(new TransactWriteItemsCommand({ TransactItems: items }));
        return { created: true, case: { ...c, version: 1 } };
      } catch (error) {
        const reasons = cancellationCodes(error);
        // A duplicate delivery already filed it (ConditionalCheckFailed), or is filing it this very
        // moment (TransactionConflict, real DynamoDB only): answer with that case once it is there.
        const intake = reasons?.[2];
        if (intake === 'ConditionalCheckFailed' || intake === 'TransactionConflict') {
          const existing = await this.get(`INTAKE#${write.intakeKey}`, 'INTAKE', true);
          if (existing) return { created: false, caseId: String(existing.caseId) };
          if (intake === 'TransactionConflict' && attempt < 4) {
            await new Promise((r) => setTimeout(r, 25 * attempt));
            continue;
          }
        }
        if (reasons?.[1] === 'ConditionalCheckFailed') throw new ReferenceTakenError('Reference already in use', { cause: error });
        throw error;
      }
    }
  }

  async getCase(id: string): Promise<Case | undefined> {
    const item = await this.get(`CASE#${id}`, 'CASE', true);
    return item ? this.decodeCase(item) : undefined;
  }

  async getCaseByReference(reference: string): Promise<Case | undefined> {
    const ref = await this.get(`REF#${reference}`, 'REF');
    return ref ? this.getCase(String(ref.caseId)) : undefined;
  }

  async findCasesByContact(phone: string, limit = 10): Promise<Case[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': `CONTACT#${this.cipher.lookupHash(phone)}` }),
      ScanIndexForward: false,
      Limit: limit,
    }));
    // The index is eventually consistent; the case item itself is re-read for a current status.
    const ids = (out.Items ?? []).map((i) => String(unmarshall(i).id));
    const cases = await Promise.all(ids.map((id) => this.getCase(id)));
    return cases.filter((c): c is Case => c !== undefined);
  }

  async updateCase(update: CaseUpdate): Promise<boolean> {
    const next = { ...update.case, version: update.expectedVersion + 1 };
    const caseItem = await this.caseItem(next);
    const onceKeys = update.onceKeys ?? [];
    const items: TransactWriteItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: marshall(caseItem, { removeUndefinedValues: true }),
          ConditionExpression: '#v = :v',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: marshall({ ':v': update.expectedVersion }),
        },
      },
      ...onceKeys.map((key) => this.putNew({ pk: `CASE#${next.id}`, sk: `ONCE#${key}` })),
      ...(update.inboundSmsId
        ? [this.putNew({ pk: `INTAKE#in:${update.inboundSmsId}`, sk: 'INTAKE', caseId: next.id, expiresAt: epochSeconds(new Date(next.updatedAt)) + INTAKE_TTL_SECONDS })]
        : []),
      ...this.eventPuts(next.id, update.events ?? []),
      ...(await this.messagePuts(update.messages ?? [])),
    ];
    try {
      await this.db.send(new TransactWriteItemsCommand({ TransactItems: items }));
      update.case.version = next.version;
      return true;
    } catch (error) {
      const reasons = cancellationCodes(error);
      if (!reasons) throw error;
      const claims = onceKeys.length + (update.inboundSmsId ? 1 : 0);
      const onceTaken = reasons.slice(1, 1 + claims).some((r) => r === 'ConditionalCheckFailed');
      if (onceTaken) return false;
      // TransactionConflict: another transaction held the item at the same moment (real DynamoDB only).
      if (reasons[0] === 'ConditionalCheckFailed' || reasons.some((r) => r === 'TransactionConflict')) {
        throw new ConcurrentUpdateError('Case changed meanwhile', { cause: error });
      }
      throw error;
    }
  }

  async recordOnce(caseId: string | undefined, write: { onceKey?: string; events?: CaseEvent[]; messages?: OutboundMessage[] }): Promise<boolean> {
    const items: TransactWriteItem[] = [
      ...(write.onceKey ? [this.putNew({ pk: caseId ? `CASE#${caseId}` : 'ONCE', sk: `ONCE#${write.onceKey}` })] : []),
      ...(caseId ? this.eventPuts(caseId, write.events ?? []) : []),
      ...(await this.messagePuts(write.messages ?? [])),
    ];
    if (items.length === 0) return true;
    try {
      await this.db.send(new TransactWriteItemsCommand({ TransactItems: items }));
      return true;
    } catch (error) {
      const reasons = cancellationCodes(error);
      // A once-key or a deterministic message id already written means this effect happened before.
      if (reasons?.some((r) => r === 'ConditionalCheckFailed')) return false;
      throw error;
    }
  }

  async timeline(caseId: string): Promise<CaseEvent[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :ev)',
      ExpressionAttributeValues: marshall({ ':pk': `CASE#${caseId}`, ':ev': 'EV#' }),
      ConsistentRead: true,
    });
    return items.map((i) => {
      const { at, actor, type, detail } = i as unknown as CaseEvent;
      return { at, actor, type, ...(detail ? { detail } : {}) };
    });
  }

  async casesDueBy(until: Date, limit = 100): Promise<Case[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: TABLE.dueIndex.name,
      KeyConditionExpression: '#pk = :due AND #sk <= :until',
      ExpressionAttributeNames: { '#pk': TABLE.dueIndex.partitionKey, '#sk': TABLE.dueIndex.sortKey },
      ExpressionAttributeValues: marshall({ ':due': 'DUE', ':until': until.toISOString() }),
      Limit: limit,
    }));
    const cases = await Promise.all((out.Items ?? []).map((i) => this.getCase(String(unmarshall(i).id))));
    return cases.filter((c): c is Case => c !== undefined && c.nextCheckAt !== undefined && c.nextCheckAt <= until.toISOString());
  }

  // ---- outbox --------------------------------------------------------------------------------

  async getMessage(id: string): Promise<OutboundMessage | undefined> {
    const item = await this.get(`MSG#${id}`, 'MSG', true);
    return item ? this.decodeMessage(item) : undefined;
  }

  async updateMessage(id: string, from: MessageStatus[], patch: Partial<Pick<OutboundMessage, 'status' | 'attempts' | 'providerMessageId' | 'failureReason'>>): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {};
    const sets: string[] = [];
    const removes: string[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      names[`#${key}`] = key;
      values[`:${key}`] = value;
      sets.push(`#${key} = :${key}`);
    }
    if (patch.status && patch.status !== 'pending' && patch.status !== 'sending') {
      names['#g2pk'] = TABLE.dueIndex.partitionKey;
      names['#g2sk'] = TABLE.dueIndex.sortKey;
      removes.push('#g2pk', '#g2sk');
    }
    from.forEach((s, i) => { values[`:from${i}`] = s; });
    try {
      await this.db.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: `MSG#${id}`, sk: 'MSG' }),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `#status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
    if (patch.providerMessageId) {
      await this.db.send(new PutItemCommand({
        TableName: this.tableName,
        Item: marshall({ pk: `PROVIDER#${patch.providerMessageId}`, sk: 'PROVIDER', messageId: id }),
      }));
    }
    return true;
  }

  async claimMessage(id: string, now: Date, staleBefore: Date): Promise<OutboundMessage | undefined> {
    try {
      const out = await this.db.send(new UpdateItemCommand({
        TableName: this.tableName,
        Key: marshall({ pk: `MSG#${id}`, sk: 'MSG' }),
        UpdateExpression: 'SET #status = :sending, claimedAt = :now, attempts = if_not_exists(attempts, :zero) + :one',
        ConditionExpression: '#status = :pending OR (#status = :sending AND claimedAt < :stale)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({
          ':sending': 'sending', ':pending': 'pending', ':now': now.toISOString(), ':stale': staleBefore.toISOString(), ':zero': 0, ':one': 1,
        }),
        ReturnValues: 'ALL_NEW',
      }));
      return this.decodeMessage(unmarshall(out.Attributes ?? {}));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async getMessageByProviderId(providerMessageId: string): Promise<OutboundMessage | undefined> {
    const link = await this.get(`PROVIDER#${providerMessageId}`, 'PROVIDER', true);
    return link ? this.getMessage(String(link.messageId)) : undefined;
  }

  async pendingMessagesOlderThan(before: Date, limit = 50): Promise<OutboundMessage[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: TABLE.dueIndex.name,
      KeyConditionExpression: '#pk = :p AND #sk < :before',
      ExpressionAttributeNames: { '#pk': TABLE.dueIndex.partitionKey, '#sk': TABLE.dueIndex.sortKey },
      ExpressionAttributeValues: marshall({ ':p': 'PENDING', ':before': before.toISOString() }),
      Limit: limit,
    }));
    return Promise.all((out.Items ?? []).map((i) => this.decodeMessage(unmarshall(i))));
  }

  // ---- officials -------------------------------------------------------------------------------

  async listOfficials(): Promise<Official[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :o)',
      ExpressionAttributeValues: marshall({ ':pk': 'DIRECTORY', ':o': 'OFFICIAL#' }),
    });
    return items.map(officialFromItem);
  }

  async putOfficial(official: Official): Promise<void> {
    await this.db.send(new PutItemCommand({
      TableName: this.tableName,
      Item: marshall({
        pk: 'DIRECTORY', sk: `OFFICIAL#${official.id}`, ...official,
        [TABLE.byContactIndex.partitionKey]: `OFFICIALPHONE#${official.phone}`,
        [TABLE.byContactIndex.sortKey]: official.id,
      }, { removeUndefinedValues: true }),
    }));
  }

  async getOfficialByPhone(phone: string): Promise<Official | undefined> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName,
      IndexName: TABLE.byContactIndex.name,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': TABLE.byContactIndex.partitionKey },
      ExpressionAttributeValues: marshall({ ':pk': `OFFICIALPHONE#${phone}` }),
      Limit: 1,
    }));
    const item = out.Items?.[0];
    if (!item) return undefined;
    const fresh = await this.get('DIRECTORY', String(unmarshall(item).sk), true);
    return fresh ? officialFromItem(fresh) : undefined;
  }

  async recordPinFailure(officialId: string, max: number): Promise<{ failedPins: number; locked: boolean }> {
    const key = marshall({ pk: 'DIRECTORY', sk: `OFFICIAL#${officialId}` });
    const out = await this.db.send(new UpdateItemCommand({
      TableName: this.tableName, Key: key,
      UpdateExpression: 'ADD failedPins :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: marshall({ ':one': 1 }),
      ReturnValues: 'ALL_NEW',
    }));
    const after = unmarshall(out.Attributes ?? {});
    const failedPins = Number(after.failedPins ?? 0);
    if (failedPins >= max && !after.locked) {
      await this.db.send(new UpdateItemCommand({
        TableName: this.tableName, Key: key, UpdateExpression: 'SET locked = :t', ExpressionAttributeValues: marshall({ ':t': true }),
      }));
    }
    return { failedPins, locked: Boolean(after.locked) || failedPins >= max };
  }

  async clearPinFailures(officialId: string): Promise<void> {
    try {
      await this.db.send(new UpdateItemCommand({
        TableName: this.tableName, Key: marshall({ pk: 'DIRECTORY', sk: `OFFICIAL#${officialId}` }),
        UpdateExpression: 'SET failedPins = :zero',
        // A lock set meanwhile by parallel wrong guesses, or a disable from the CLI, stands.
        ConditionExpression: 'attribute_exists(pk) AND active = :t AND (attribute_not_exists(locked) OR locked = :f)',
        ExpressionAttributeValues: marshall({ ':zero': 0, ':t': true, ':f': false }),
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  // ---- reporter preferences, rate limits, USSD drafts ------------------------------------------

  async getPrefs(phone: string): Promise<ReporterPrefs> {
    const item = await this.get(`PREF#${this.cipher.lookupHash(phone)}`, 'PREF', true);
    if (!item) return {};
    return {
      ...(item.language ? { language: item.language as Language } : {}),
      ...(item.smsStopped !== undefined ? { smsStopped: Boolean(item.smsStopped) } : {}),
    };
  }

  async setPrefs(phone: string, prefs: ReporterPrefs): Promise<void> {
    const sets = Object.entries(prefs).filter(([, v]) => v !== undefined);
    if (sets.length === 0) return;
    await this.db.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: marshall({ pk: `PREF#${this.cipher.lookupHash(phone)}`, sk: 'PREF' }),
      UpdateExpression: `SET ${sets.map(([k]) => `#${k} = :${k}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(sets.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: marshall(Object.fromEntries(sets.map(([k, v]) => [`:${k}`, v]))),
    }));
  }

  async countHit(scope: string, key: string, windowSeconds: number, now: Date): Promise<number> {
    const window = Math.floor(epochSeconds(now) / windowSeconds);
    const out = await this.db.send(new UpdateItemCommand({
      TableName: this.tableName,
      Key: marshall({ pk: `RATE#${scope}#${this.cipher.lookupHash(key)}#${window}`, sk: 'RATE' }),
      UpdateExpression: 'ADD #count :one SET #exp = if_not_exists(#exp, :exp)',
      ExpressionAttributeNames: { '#count': 'count', '#exp': TABLE.ttlAttribute },
      ExpressionAttributeValues: marshall({ ':one': 1, ':exp': (window + 2) * windowSeconds }),
      ReturnValues: 'UPDATED_NEW',
    }));
    return Number(unmarshall(out.Attributes ?? {}).count ?? 1);
  }

  async saveUssdDraft(phone: string, draft: { text: string; language: Language }, expiresAt: Date): Promise<void> {
    await this.db.send(new PutItemCommand({
      TableName: this.tableName,
      Item: marshall({
        pk: `USSD#${this.cipher.lookupHash(phone)}`, sk: 'DRAFT',
        textEnc: await this.cipher.encrypt(draft.text), language: draft.language,
        [TABLE.ttlAttribute]: epochSeconds(expiresAt),
      }),
    }));
  }

  async getUssdDraft(phone: string, now: Date): Promise<{ text: string; language: Language } | undefined> {
    const item = await this.get(`USSD#${this.cipher.lookupHash(phone)}`, 'DRAFT', true);
    // TTL deletion lags by up to two days: an expired draft must not be offered.
    if (!item || Number(item[TABLE.ttlAttribute]) <= epochSeconds(now)) return undefined;
    return { text: await this.cipher.decrypt(String(item.textEnc)), language: item.language as Language };
  }

  async deleteUssdDraft(phone: string): Promise<void> {
    await this.db.send(new DeleteItemCommand({
      TableName: this.tableName,
      Key: marshall({ pk: `USSD#${this.cipher.lookupHash(phone)}`, sk: 'DRAFT' }),
    }));
  }

  // ---- item codecs (also used on stream images) -------------------------------------------------

  async decodeCase(item: Item): Promise<Case> {
    const [contact, nik, workerName, description, agentName] = await Promise.all([
      this.cipher.decrypt(String(item.contactEnc)),
      item.nikEnc ? this.cipher.decrypt(String(item.nikEnc)) : undefined,
      item.workerNameEnc ? this.cipher.decrypt(String(item.workerNameEnc)) : undefined,
      this.cipher.decrypt(String(item.descriptionEnc)),
      item.agentNameEnc ? this.cipher.decrypt(String(item.agentNameEnc)) : undefined,
    ]);
    const c: Case = {
      id: String(item.id), reference: String(item.reference),
      category: item.category as Case['category'], urgency: item.urgency as Case['urgency'],
      homeRegency: item.homeRegency as Case['homeRegency'], country: item.country as Case['country'],
      channel: item.channel as Case['channel'], reporterType: item.reporterType as Case['reporterType'],
      contact, description, smsUpdates: Boolean(item.smsUpdates), language: item.language as Language,
      status: item.status as Case['status'], level: Number(item.level) as Case['level'],
      createdAt: String(item.createdAt), updatedAt: String(item.updatedAt), version: Number(item.version),
    };
    if (nik) c.nik = nik;
    if (workerName) c.workerName = workerName;
    if (item.assignee) c.assignee = String(item.assignee);
    if (item.nextCheckAt) c.nextCheckAt = String(item.nextCheckAt);
    if (item.levelSince) c.levelSince = String(item.levelSince);
    if (agentName) c.agentName = agentName;
    for (const key of ['acknowledgedAt', 'resolvedAt', 'confirmedAt', 'mergedInto'] as const) {
      if (item[key] !== undefined) c[key] = String(item[key]);
    }
    if (item.escalations !== undefined) c.escalations = Number(item.escalations);
    if (item.reopenings !== undefined) c.reopenings = Number(item.reopenings);
    return c;
  }

  async decodeMessage(item: Item): Promise<OutboundMessage> {
    const m: OutboundMessage = {
      id: String(item.id), audience: item.audience as OutboundMessage['audience'],
      to: await this.cipher.decrypt(String(item.toEnc)), text: await this.cipher.decrypt(String(item.textEnc)),
      purpose: String(item.purpose), status: item.status as MessageStatus,
      attempts: Number(item.attempts ?? 0), createdAt: String(item.createdAt),
    };
    for (const key of ['caseId', 'officialId', 'providerMessageId', 'failureReason'] as const) {
      if (item[key] !== undefined) m[key] = String(item[key]);
    }
    if (item.level !== undefined) m.level = Number(item.level) as OutboundMessage['level'];
    return m;
  }

  decodeStreamImage(image: Record<string, AttributeValue>): Item {
    return unmarshall(image);
  }

  // ---- helpers -------------------------------------------------------------------------------------

  private async caseItem(c: Case): Promise<Item> {
    const [contactEnc, nikEnc, workerNameEnc, descriptionEnc, agentNameEnc] = await Promise.all([
      this.cipher.encrypt(c.contact),
      c.nik ? this.cipher.encrypt(c.nik) : undefined,
      c.workerName ? this.cipher.encrypt(c.workerName) : undefined,
      this.cipher.encrypt(c.description),
      c.agentName ? this.cipher.encrypt(c.agentName) : undefined,
    ]);
    const agent = c.agentName ? normaliseAgentName(c.agentName) : undefined;
    return {
      pk: `CASE#${c.id}`, sk: 'CASE', type: 'case',
      id: c.id, reference: c.reference, category: c.category, urgency: c.urgency,
      homeRegency: c.homeRegency, country: c.country, channel: c.channel, reporterType: c.reporterType,
      contactEnc, nikEnc, workerNameEnc, descriptionEnc,
      ...(c.nik ? { nikHash: this.cipher.lookupHash(c.nik) } : {}),
      smsUpdates: c.smsUpdates, language: c.language, status: c.status, level: c.level,
      assignee: c.assignee, createdAt: c.createdAt, updatedAt: c.updatedAt, version: c.version,
      nextCheckAt: c.nextCheckAt, levelSince: c.levelSince,
      agentNameEnc, ...(agent ? { agentHash: this.cipher.lookupHash(`agent:${agent}`) } : {}),
      acknowledgedAt: c.acknowledgedAt, resolvedAt: c.resolvedAt, escalations: c.escalations,
      confirmedAt: c.confirmedAt, reopenings: c.reopenings, mergedInto: c.mergedInto,
      ...caseMonthIndexKeys(c),
      [TABLE.byContactIndex.partitionKey]: `CONTACT#${this.cipher.lookupHash(c.contact)}`,
      [TABLE.byContactIndex.sortKey]: c.createdAt,
      ...(c.nextCheckAt ? { [TABLE.dueIndex.partitionKey]: 'DUE', [TABLE.dueIndex.sortKey]: c.nextCheckAt } : {}),
    };
  }

  private eventPuts(caseId: string, events: CaseEvent[]): TransactWriteItem[] {
    return events.map((e) => this.putNew({
      pk: `CASE#${caseId}`, sk: `EV#${e.at}#${randomBytes(4).toString('hex')}`, ...e,
    }));
  }

  private async messagePuts(messages: OutboundMessage[]): Promise<TransactWriteItem[]> {
    return Promise.all(messages.map(async (m) => {
      const { to, text, ...rest } = m;
      return this.putNew({
        pk: `MSG#${m.id}`, sk: 'MSG', ...rest,
        toEnc: await this.cipher.encrypt(to), textEnc: await this.cipher.encrypt(text),
        ...(m.status === 'pending' ? { [TABLE.dueIndex.partitionKey]: 'PENDING', [TABLE.dueIndex.sortKey]: m.createdAt } : {}),
      });
    }));
  }

  private putNew(item: Item): TransactWriteItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    };
  }

  private async get(pk: string, sk: string, consistent = false): Promise<Item | undefined> {
    const out = await this.db.send(new GetItemCommand({
      TableName: this.tableName, Key: marshall({ pk, sk }), ConsistentRead: consistent,
    }));
    return out.Item ? unmarshall(out.Item) : undefined;
  }

  private async queryAll(input: Omit<ConstructorParameters<typeof QueryCommand>[0], 'TableName'>): Promise<Item[]> {
    const items: Item[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: start }));
      items.push(...(out.Items ?? []).map((i) => unmarshall(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }
}

function cancellationCodes(error: unknown): (string | undefined)[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  return (error.CancellationReasons ?? []).map((r) => (r.Code === 'None' ? undefined : r.Code));
}

function officialFromItem(item: Item): Official {
  const o: Official = {
    id: String(item.id), name: String(item.name), phone: String(item.phone),
    level: Number(item.level) as Official['level'], regencies: (item.regencies as string[]) ?? [],
    active: Boolean(item.active), failedPins: Number(item.failedPins ?? 0), locked: Boolean(item.locked),
  };
  if (item.categories) o.categories = item.categories as Official['categories'];
  if (item.pinHash) o.pinHash = String(item.pinHash);
  return o;
}
