import type { CaseStore } from '../cases/port.js';
import type { Clock } from '../clock.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Directory } from '../officials/port.js';

/** One case naming an agency or broker (by the hash of the normalised name). */
export interface AgentLink {
  caseId: string;
  reference: string;
  createdAt: string;
  regency: string;
  /** The case's ciphertext of the name as typed, for the console (desk and BP3MI) to decrypt. */
  agentNameEnc?: string;
}

/** What a case change means for the agent watch: the link the case makes now, and the agent (by keyed hash) it named before. */
export interface AgentLinkChange extends AgentLink {
  mergedInto?: string;
  agentHash?: string;
  previousAgentHash?: string;
}

export interface FlaggedAgent {
  agentHash: string;
  /** When the latest crossing of the threshold happened. */
  since: string;
  count: number;
  agentNameEnc?: string;
}

export interface AgentsPort {
  link(agentHash: string, link: AgentLink): Promise<void>;
  unlink(agentHash: string, caseId: string): Promise<void>;
  links(agentHash: string): Promise<AgentLink[]>;
  flag(agentHash: string, flagged: Omit<FlaggedAgent, 'agentHash'>): Promise<void>;
  flagged(): Promise<FlaggedAgent[]>;
}

export const AGENT_THRESHOLD = 3;
export const AGENT_WINDOW_MS = 365 * 24 * 3600_000;

/**
 * When the count of cases naming one agent within the last 12 months last rose to the threshold,
 * if it is at or above the threshold now. Replays the window: a case enters when filed and leaves
 * 12 months later; a crossing is the count reaching the threshold from below. Pure, so "once per
 * crossing" is a fact about the links, not about which stream record came first.
 */
export function currentCrossing(links: Pick<AgentLink, 'createdAt'>[], now: Date, threshold = AGENT_THRESHOLD): string | undefined {
  const events: Array<{ at: number; step: 1 | -1; iso: string }> = [];
  for (const l of links) {
    const at = Date.parse(l.createdAt);
    if (at > now.getTime()) continue;
    events.push({ at, step: 1, iso: l.createdAt });
    const leaves = at + AGENT_WINDOW_MS;
    if (leaves <= now.getTime()) events.push({ at: leaves, step: -1, iso: new Date(leaves).toISOString() });
  }
  // Leaving before entering at the same instant: the window is the last 12 months, end excluded.
  events.sort((a, b) => a.at - b.at || a.step - b.step);
  let count = 0;
  let crossing: string | undefined;
  for (const e of events) {
    const before = count;
    count += e.step;
    if (before < threshold && count >= threshold) crossing = e.iso;
  }
  return count >= threshold ? crossing : undefined;
}

export function agentAlertText(count: number, references: string[]): string {
  // No name: it is business or personal data, and SMS passes through phones others may see.
  return `Hotline PMI: agen/calo yang sama disebut dalam ${count} laporan (12 bln): ${references.join(', ')}. Lihat konsol.`;
}

/**
 * A case changed (the notifier reads it from the stream, where the outbox is): a case that names an agent links to it,
 * a corrected or merged case moves or drops its link, and when one agent reaches three cases in 12
 * months the province desk and BP3MI get one SMS with the count and references, once per crossing.
 */
export async function updateAgentWatch(
  deps: { cases: Pick<CaseStore, 'recordOnce'>; directory: Pick<Directory, 'listOfficials'>; agents: AgentsPort; clock: Clock },
  change: AgentLinkChange,
): Promise<'alerted' | 'linked' | 'unchanged'> {
  const hash = change.mergedInto ? undefined : change.agentHash;
  const oldHash = change.previousAgentHash;
  if (oldHash && oldHash !== hash) await deps.agents.unlink(oldHash, change.caseId);
  if (!hash) return oldHash ? 'linked' : 'unchanged';
  await deps.agents.link(hash, {
    caseId: change.caseId, reference: change.reference, createdAt: change.createdAt, regency: change.regency,
    ...(change.agentNameEnc ? { agentNameEnc: change.agentNameEnc } : {}),
  });

  const now = deps.clock.now();
  const links = await deps.agents.links(hash);
  const crossing = currentCrossing(links, now);
  if (!crossing) return 'linked';
  const inWindow = links.filter((l) => Date.parse(l.createdAt) > now.getTime() - AGENT_WINDOW_MS).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const references = inWindow.map((l) => l.reference);
  const officials = (await deps.directory.listOfficials()).filter((o) => o.active && o.level >= 2);
  const at = now.toISOString();
  const key = `agent.${hash.slice(0, 24)}.${crossing}`;
  const messages: OutboundMessage[] = officials.map((o) => ({
    id: `agent-alert.${hash.slice(0, 24)}.${Date.parse(crossing).toString(36)}.${o.id}`, audience: 'official', to: o.phone, officialId: o.id,
    level: o.level, purpose: 'agent_alert', text: agentAlertText(references.length, references.slice(0, 12)), status: 'pending', attempts: 0, createdAt: at,
  }));
  const first = await deps.cases.recordOnce(undefined, { onceKey: key, messages });
  await deps.agents.flag(hash, { since: crossing, count: references.length, ...(change.agentNameEnc ? { agentNameEnc: change.agentNameEnc } : {}) });
  return first ? 'alerted' : 'unchanged';
}
