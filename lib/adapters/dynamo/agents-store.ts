import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AgentLink, AgentsPort, FlaggedAgent } from '../../figures/agent-watch.js';
import { keys } from './keys.js';
import type { DynamoTable } from './table.js';

/**
 * Which cases name which agency or broker, by the keyed hash of the normalised name (the name itself
 * only as the case's ciphertext, copied, never decrypted here). One partition per name: the cases
 * naming it are one Query.
 */
export class DynamoAgentsStore implements AgentsPort {
  constructor(private readonly table: DynamoTable) {}

  async link(agentHash: string, link: AgentLink): Promise<void> {
    await this.table.db.send(new PutItemCommand({
      TableName: this.table.name,
      Item: marshall({ ...keys.agentCase(agentHash, link.caseId), ...link }, { removeUndefinedValues: true }),
    }));
  }

  async unlink(agentHash: string, caseId: string): Promise<void> {
    await this.table.db.send(new DeleteItemCommand({ TableName: this.table.name, Key: marshall(keys.agentCase(agentHash, caseId)) }));
  }

  async links(agentHash: string): Promise<AgentLink[]> {
    const items = await this.table.queryAll({
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :c)',
      ExpressionAttributeValues: marshall({ ':pk': keys.agentPartition(agentHash), ':c': keys.agentCasePrefix }),
    });
    return items.map((i) => ({
      caseId: String(i.caseId), reference: String(i.reference), createdAt: String(i.createdAt), regency: String(i.regency),
      ...(i.agentNameEnc ? { agentNameEnc: String(i.agentNameEnc) } : {}),
    }));
  }

  async flag(agentHash: string, flagged: Omit<FlaggedAgent, 'agentHash'>): Promise<void> {
    await this.table.db.send(new PutItemCommand({
      TableName: this.table.name,
      Item: marshall({ ...keys.flaggedAgent(agentHash), agentHash, ...flagged }, { removeUndefinedValues: true }),
    }));
  }

  async flagged(): Promise<FlaggedAgent[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: marshall({ ':pk': keys.flaggedAgentsPartition }),
    });
    return items.map((i) => {
      return { agentHash: String(i.agentHash), since: String(i.since), count: Number(i.count), ...(i.agentNameEnc ? { agentNameEnc: String(i.agentNameEnc) } : {}) };
    });
  }
}
