import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { Language } from '../../domain/categories.js';
import type { Cipher, ReporterPrefs, Reporters } from '../../ports.js';
import { keys } from './keys.js';
import { type DynamoTable, epochSeconds, type Item } from './table.js';
import { TABLE } from './table-definition.js';

// ---- codec ----------------------------------------------------------------------------------------

export function decodePrefs(item: Item | undefined): ReporterPrefs {
  if (!item) return {};
  return {
    ...(item.language ? { language: item.language as Language } : {}),
    ...(item.smsStopped !== undefined ? { smsStopped: Boolean(item.smsStopped) } : {}),
  };
}

// ---- the aggregate ------------------------------------------------------------------------------

/**
 * Reporters by phone (keyed by the phone's keyed hash, never the number): one item per reporter
 * with the preferences, and fixed-window counters that expire by TTL.
 */
export class DynamoReporters implements Reporters {
  constructor(private readonly table: DynamoTable, private readonly cipher: Cipher) {}

  async getPrefs(phone: string): Promise<ReporterPrefs> {
    return decodePrefs(await this.table.get(keys.reporter(this.cipher.lookupHash(phone)), true));
  }

  async setPrefs(phone: string, prefs: ReporterPrefs): Promise<void> {
    const sets = Object.entries(prefs).filter(([, v]) => v !== undefined);
    if (sets.length === 0) return;
    await this.table.db.send(new UpdateItemCommand({
      TableName: this.table.name,
      Key: marshall(keys.reporter(this.cipher.lookupHash(phone))),
      UpdateExpression: `SET ${sets.map(([k]) => `#${k} = :${k}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(sets.map(([k]) => [`#${k}`, k])),
      ExpressionAttributeValues: marshall(Object.fromEntries(sets.map(([k, v]) => [`:${k}`, v]))),
    }));
  }

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
}
