import { randomBytes } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { ReadsStore } from '../../use-cases/reader-watch-port.js';
import { keys } from './keys.js';
import { type DynamoTable, epochSeconds } from './table.js';
import { TABLE } from './table-definition.js';

/** Reads are kept a day (TTL): the window is at most that long in any sensible setting. */
const KEEP_SECONDS = 24 * 3600;

/**
 * The reader watch's views, one partition per official (`READS#<id>`, sort key `<time>#<reference>`):
 * a put and a Query of the window per view of personal data. No personal field: a reference and a time.
 */
export class DynamoReads implements ReadsStore {
  constructor(private readonly table: DynamoTable) {}

  async recordRead(officialId: string, reference: string, at: Date, since: Date): Promise<number> {
    const key = keys.officialRead(officialId, `${at.toISOString()}#${randomBytes(3).toString('hex')}`, reference);
    await this.table.putItem({ ...key, reference, [TABLE.ttlAttribute]: epochSeconds(at) + KEEP_SECONDS });
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      ProjectionExpression: '#r', ExpressionAttributeNames: { '#r': 'reference' },
      ExpressionAttributeValues: marshall({ ':pk': keys.officialReadsPartition(officialId), ':since': since.toISOString() }),
    });
    return new Set(items.map((i) => String(i.reference))).size;
  }
}
