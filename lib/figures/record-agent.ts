import { normaliseAgentName, AGENT_NAME_MAX } from '../domain/agent-name.js';
import { caseEvent } from '../domain/case.js';
import { normaliseReference } from '../domain/reference.js';
import { canSee } from '../domain/visibility.js';
import type { CaseStore, Clock, Official } from '../ports.js';
import { retryOnConflict } from '../use-cases/retry-on-conflict.js';

export type RecordAgentOutcome =
  | { kind: 'recorded'; reference: string }
  | { kind: 'unchanged'; reference: string }
  | { kind: 'invalid'; field: 'agentName' }
  | { kind: 'not_found' };

/**
 * An official records the agency (P3MI) or broker a worker named by SMS or USSD: the same field the
 * web form fills, so the agent watch counts it alike (it follows from the table stream). A case the
 * official may not see answers as one that does not exist.
 */
export async function recordAgentName(
  deps: { cases: Pick<CaseStore, 'getCaseByReference' | 'getCase' | 'updateCase'>; clock: Clock },
  official: Official,
  rawReference: string,
  rawName: string,
): Promise<RecordAgentOutcome> {
  const name = rawName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length > AGENT_NAME_MAX || !normaliseAgentName(name)) return { kind: 'invalid', field: 'agentName' };
  const reference = normaliseReference(rawReference);
  const found = reference ? await deps.cases.getCaseByReference(reference) : undefined;
  if (!found || !canSee(official, found)) return { kind: 'not_found' };
  return retryOnConflict<typeof found, RecordAgentOutcome>({ first: found, reload: () => deps.cases.getCase(found.id), vanished: () => ({ kind: 'not_found' }) }, async (c) => {
    if (c.agentName === name) return { kind: 'unchanged', reference: c.reference };
    const at = deps.clock.now().toISOString();
    await deps.cases.updateCase({
      case: { ...c, agentName: name, updatedAt: at }, expectedVersion: c.version,
      events: [caseEvent('agent_recorded', at, `official:${official.id}`, { via: 'console', changed: c.agentName !== undefined })],
    });
    return { kind: 'recorded', reference: c.reference };
  });
}
