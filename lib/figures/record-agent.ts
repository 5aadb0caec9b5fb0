import { normaliseAgentName, AGENT_NAME_MAX } from '../domain/agent-name.js';
import { normaliseReference } from '../domain/reference.js';
import { canSee } from '../domain/visibility.js';
import type { AccessLog } from '../cases/access-log-port.js';
import type { CaseStore } from '../cases/port.js';
import type { Clock } from '../clock.js';
import type { Official } from '../domain/official.js';
import type { Directory } from '../officials/port.js';
import { actorOf } from '../cases/plan.js';
import { planRecordAgent } from '../cases/plans.js';
import { changeCase } from '../cases/change-case.js';
import { rankIn } from '../cases/rank.js';

export type RecordAgentOutcome =
  | { kind: 'recorded'; reference: string }
  | { kind: 'unchanged'; reference: string }
  /** A higher level holds the case: what it recorded is not overwritten from below (lib/cases/rank.ts). */
  | { kind: 'taken'; reference: string }
  | { kind: 'invalid'; field: 'agentName' }
  | { kind: 'not_found' };

/**
 * An official records the agency (P3MI) or broker a worker named by SMS or USSD: the same field the
 * web form fills, so the agent watch counts it alike (it follows from the table stream). A case the
 * official may not see answers as one that does not exist, and the attempt is in the access log.
 * The change is the shared plan (lib/cases/plans.ts planRecordAgent), written by changeCase.
 */
export async function recordAgentName(
  deps: {
    cases: Pick<CaseStore, 'getCaseByReference' | 'getCase' | 'updateCase' | 'recordOnce'>;
    accessLog: Pick<AccessLog, 'append'>;
    clock: Clock;
    directory: Pick<Directory, 'listOfficials'>;
  },
  official: Official,
  rawReference: string,
  rawName: string,
): Promise<RecordAgentOutcome> {
  const name = rawName.normalize('NFC').trim().replace(/\s+/g, ' ');
  if (name.length > AGENT_NAME_MAX || !normaliseAgentName(name)) return { kind: 'invalid', field: 'agentName' };
  const reference = normaliseReference(rawReference);
  const found = reference ? await deps.cases.getCaseByReference(reference) : undefined;
  if (!found) return { kind: 'not_found' };
  const at = deps.clock.now().toISOString();
  if (!canSee(official, found)) {
    await deps.accessLog.append({ at, officialId: official.id, action: 'denied', reference: found.reference, fields: [] });
    return { kind: 'not_found' };
  }
  const x = { actor: actorOf(official), at, via: 'console' as const };
  const outcome = await changeCase(deps, found, async (c) => planRecordAgent(c, x, await rankIn(deps.directory, official, c), name), { at });
  switch (outcome.kind) {
    case 'vanished': return { kind: 'not_found' };
    case 'changed': return { kind: 'recorded', reference: found.reference };
    case 'not_applied': return outcome.reason === 'taken' ? { kind: 'taken', reference: found.reference } : { kind: 'unchanged', reference: found.reference };
    default: return { kind: 'unchanged', reference: found.reference };
  }
}
