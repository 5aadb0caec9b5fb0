import { type AttributeValue, type DynamoDBClient, DeleteItemCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { AgentLink, AgentsPort, FlaggedAgent } from '../../figures/agent-watch.js';
import { figuresKeys } from './figures-keys.js';

const FLAGGED_PARTITION = 'AGENTS';

/**
 * Which cases name which agency or broker, by the keyed hash of the normalised name (the name itself
 * only as the case's ciphertext, copied, never decrypted here). One partition per name: the cases
 * naming it are one Query.
 */
export class DynamoAgentsStore implements AgentsPort {
  constructor(private readonly db: DynamoDBClient, private readonly tableName: string) {}

  async link(agentHash: string, link: AgentLink): Promise<void> {
    await this.db.send(new PutItemCommand({
      TableName: this.tableName,
      Item: marshall({ pk: figuresKeys.agent(agentHash), sk: figuresKeys.agentCase(link.caseId), ...link }, { removeUndefinedValues: true }),
    }));
  }

  async unlink(agentHash: string, caseId: string): Promise<void> {
    await this.db.send(new DeleteItemCommand({ TableName: this.tableName, Key: marshall({ pk: figuresKeys.agent(agentHash), sk: figuresKeys.agentCase(caseId) }) }));
  }

  async links(agentHash: string): Promise<AgentLink[]> {
    const items: AgentLink[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.tableName, ConsistentRead: true, ExclusiveStartKey: start,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
        ExpressionAttributeValues: marshall({ ':pk': figuresKeys.agent(agentHash), ':c': figuresKeys.agentCase('') }),
      }));
      for (const raw of out.Items ?? []) {
        const i = unmarshall(raw);
        items.push({ caseId: String(i.caseId), reference: String(i.reference), createdAt: String(i.createdAt), regency: String(i.regency), ...(i.agentNameEnc ? { agentNameEnc: String(i.agentNameEnc) } : {}) });
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async flag(agentHash: string, flagged: Omit<FlaggedAgent, 'agentHash'>): Promise<void> {
    await this.db.send(new PutItemCommand({
      TableName: this.tableName,
      Item: marshall({ pk: FLAGGED_PARTITION, sk: `FLAG#${agentHash}`, agentHash, ...flagged }, { removeUndefinedValues: true }),
    }));
  }

  async flagged(): Promise<FlaggedAgent[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.tableName, KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': FLAGGED_PARTITION }),
    }));
    return (out.Items ?? []).map((raw) => {
      const i = unmarshall(raw);
      return { agentHash: String(i.agentHash), since: String(i.since), count: Number(i.count), ...(i.agentNameEnc ? { agentNameEnc: String(i.agentNameEnc) } : {}) };
    });
  }
}
