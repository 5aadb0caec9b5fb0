import type { DynamoDBRecord } from 'aws-lambda';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseFacts } from '../../figures/contribution.js';
import type { AgentLinkChange } from '../../figures/agent-watch.js';
import { caseFactsFromItem } from './figures-store.js';
import { SK } from './keys.js';

type Image = Record<string, AttributeValue>;

/** The case item a table-stream record created or changed (new and old images), or undefined for anything else. */
function caseImages(record: DynamoDBRecord): { after: Record<string, unknown>; before?: Record<string, unknown> } | undefined {
  const newImage = record.dynamodb?.NewImage as Image | undefined;
  if (!newImage || record.eventName === 'REMOVE' || newImage.sk?.S !== SK.case) return undefined;
  const oldImage = record.dynamodb?.OldImage as Image | undefined;
  return { after: unmarshall(newImage), ...(oldImage ? { before: unmarshall(oldImage) } : {}) };
}

/** The non-personal facts of the case a stream record created or changed (nothing is decrypted). */
export function caseFactsOfRecord(record: DynamoDBRecord): CaseFacts | undefined {
  const images = caseImages(record);
  // A data request (HAPUS, DATA) is not a complaint: it counts in no figure.
  return images && images.after.kind !== 'data_request' ? caseFactsFromItem(images.after) : undefined;
}

/** What a case change means for the agent watch (read from the raw images: the name stays sealed). */
export function agentLinkChangeOfRecord(record: DynamoDBRecord): AgentLinkChange | undefined {
  const images = caseImages(record);
  if (!images) return undefined;
  const { after, before } = images;
  return {
    caseId: String(after.id), reference: String(after.reference), createdAt: String(after.createdAt), regency: String(after.homeRegency),
    ...(after.mergedInto ? { mergedInto: String(after.mergedInto) } : {}),
    ...(after.agentHash ? { agentHash: String(after.agentHash) } : {}),
    ...(before?.agentHash ? { previousAgentHash: String(before.agentHash) } : {}),
    ...(after.agentNameEnc ? { agentNameEnc: String(after.agentNameEnc) } : {}),
  };
}
