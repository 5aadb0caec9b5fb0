import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Cipher } from '../../cipher.js';
import type { RateCounter } from '../../rate-counter.js';
import { keys } from './keys.js';
import { type DynamoTable, epochSeconds } from './table.js';
import { TABLE } from './table-definition.js';

/** Fixed-window counters, one item per scope, key (by its keyed hash) and window, gone with the TTL. */
export class DynamoRateCounter implements RateCounter {
  constructor(private readonly table: DynamoTable, private readonly cipher: Pick<Cipher, 'lookupHash'>) {}

  async countHit(scope: string, key: string, windowSeconds: number, now: Date): Promise<number> {
    const window = Math.floor(epochSeconds(now) / windowSeconds);
    const out = await this.table.db.send(new UpdateItemCommand({
      TableName: this.table.name,
      Key: marshall(keys.rate(scope, this.cipher.lookupHash(key), window)),
      UpdateExpression: 'ADD #count :one SET #exp = if_not_exists(#exp, :exp)',
      ExpressionAttributeNames: { '#count': 'count', '#exp': TABLE.ttlAttribute },
      ExpressionAttributeValues: marshall({ ':one': 1, ':exp': (window + 2) * windowSeconds }),
      ReturnValues: 'UPDATED_NEW',
    }));
    return Number(unmarshall(out.Attributes ?? {}).count ?? 1);
  }

  async peekCount(scope: string, key: string, windowSeconds: number, now: Date): Promise<number> {
    const window = Math.floor(epochSeconds(now) / windowSeconds);
    const item = await this.table.get(keys.rate(scope, this.cipher.lookupHash(key), window), true);
    return Number(item?.count ?? 0);
  }
}
