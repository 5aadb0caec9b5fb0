import { type AttributeValue, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Case, closedAtOf, isOpen } from '../../domain/case.js';
import { monthOf } from '../../figures/contribution.js';
import { indexKeys, keys, SK } from './keys.js';
import type { DynamoTable } from './table.js';
import { TABLE } from './table-definition.js';

export interface ReindexResult {
  /** Case items read. */
  cases: number;
  /** Case items that lacked an index entry (or had a stale one) and got it. */
  updated: number;
  /** Cases that changed while the run read them: their write gave them the entries already. */
  changedMeanwhile: number;
}

/**
 * Gives cases stored before the console's queue indexes (gsi3-5) and the cases-by-month index
 * existed their entries in them. Without this, such a case reaches the console's queue, the figures
 * rebuild and the case-list export only with its next change. The entries come from non-personal
 * attributes (status, regency, assignee, urgency, dates), so no key is needed and nothing is
 * decrypted.
 *
 * It reads the whole table with one paginated Scan: an operator's one-off run with their own
 * credentials (no function may Scan). Each write is conditional on the case's version, so a case
 * changed meanwhile is left alone (its own write carries the entries). Nothing else of a case
 * changes, so the stream's consumers find no change to act on: no SMS, no event, no figure.
 */
export async function reindexCases(table: DynamoTable, options: { pageSize?: number } = {}): Promise<ReindexResult> {
  const result: ReindexResult = { cases: 0, updated: 0, changedMeanwhile: 0 };
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await table.db.send(new ScanCommand({
      TableName: table.name,
      FilterExpression: 'sk = :case',
      ExpressionAttributeValues: marshall({ ':case': SK.case }),
      Limit: options.pageSize ?? 500,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    for (const raw of page.Items ?? []) {
      const item = unmarshall(raw);
      result.cases++;
      const wanted = indexEntries(item);
      const missing = Object.entries(wanted).filter(([name, value]) => item[name] !== value);
      if (missing.length === 0) continue;
      const names = Object.fromEntries(missing.map(([name], i) => [`#a${i}`, name]));
      const values = Object.fromEntries([...missing.map(([, value], i) => [`:a${i}`, value]), [':version', item.version]]);
      const written = await table.updateItem(keys.case(String(item.id)), {
        UpdateExpression: `SET ${missing.map((_, i) => `#a${i} = :a${i}`).join(', ')}`,
        ConditionExpression: 'version = :version',
        ExpressionAttributeNames: names,
        values,
        ReturnValues: 'NONE',
      });
      if (written === undefined) result.changedMeanwhile++;
      else result.updated++;
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return result;
}

/**
 * The index entries a case item carries (as encodeCase writes them), from its non-personal attributes.
 * A data request keeps its own queue partition and no month entry (it is no complaint, in no figure).
 * A case no longer open that is in no due-index partition (closed before retention existed) gets its
 * retention entry, so the retention job destroys its personal data in its turn (issue 22).
 */
function indexEntries(item: Record<string, unknown>): Record<string, string> {
  const c = {
    id: String(item.id), status: item.status, homeRegency: item.homeRegency, urgency: item.urgency,
    createdAt: String(item.createdAt), updatedAt: String(item.updatedAt),
    ...(item.kind === 'data_request' ? { kind: 'data_request' } : {}),
    ...(item.assignee ? { assignee: String(item.assignee) } : {}),
    ...(item.levelSince ? { levelSince: String(item.levelSince) } : {}),
    ...(item.resolvedAt ? { resolvedAt: String(item.resolvedAt) } : {}),
    ...(item.confirmedAt ? { confirmedAt: String(item.confirmedAt) } : {}),
  } as Case;
  const forgettable = !isOpen(c) && !item.erasedAt && item.nextCheckAt === undefined && item[TABLE.dueIndex.partitionKey] === undefined;
  return {
    ...indexKeys.queue(c),
    ...(c.kind === 'data_request' ? {} : indexKeys.caseMonth(monthOf(c.createdAt), c.createdAt, c.id)),
    ...(forgettable ? indexKeys.retention(closedAtOf(c)) : {}),
  };
}
