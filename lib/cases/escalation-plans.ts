import { type Case, type CaseEvent, type CaseEventDetails, caseEvent, dataRequestDeadline, isOpen } from '../domain/case.js';
import { dataRequestTexts } from '../messages/data-request.js';
import { recipientsFor } from '../domain/routing.js';
import { channelDetail, officialChannel } from '../domain/channels.js';
import { levelSinceOf, nextBreachCheckAt, nextCheckAt, slaMinutes, slaStep } from '../domain/sla.js';
import { caseHolder, officeLabel } from '../domain/case-holder.js';
import { type EscalationFacts, officialTexts } from '../messages/official.js';
import type { OutboundMessage } from '../domain/message.js';
import type { Official } from '../domain/official.js';
import { type Actor, ok, type PlanResult } from './plan.js';

/** What the escalation job did to one case. */
export type CheckResult = 'reminded' | 'escalated' | 'breached' | 'rescheduled' | 'cleared';

/**
 * The SLA step due for a case now, as a plan: at half the time remind the current level, past the
 * deadline hand the case to the next level (regency office, province desk, BP3MI) and alert it,
 * past BP3MI's deadline remind BP3MI once per period. Each moves `nextCheckAt` forward in the same
 * conditional write as its events and SMS, so overlapping runs cannot act twice.
 */
export function planSlaCheck(c: Case, x: Actor, officials: readonly Official[]): { result: CheckResult; plan: PlanResult } {
  const { at, now, policy } = x;
  if (!isOpen(c)) {
    const { nextCheckAt: _gone, ...rest } = c;
    return { result: 'cleared', plan: ok({ case: rest, events: [] }) };
  }
  const step = slaStep(c, policy, now);
  switch (step.kind) {
    case 'none': {
      // Due early (a shorter SLA was configured meanwhile, or the index lagged): just set the right time.
      const next = nextCheckAt(c, policy, levelSinceOf(c), now);
      return { result: 'rescheduled', plan: ok({ case: { ...c, ...(next ? { nextCheckAt: next } : {}) }, events: [] }) };
    }
    case 'remind': {
      const recipients = reminderRecipients(c, officials);
      const stamp = `L${c.level}.${c.status}.${step.deadline.getTime().toString(36)}`;
      return {
        result: 'reminded',
        plan: ok({
          case: { ...c, nextCheckAt: step.deadline.toISOString() },
          messages: recipients.map((o) => officialMessage(c, o, `reminder.${c.id}.${o.id}.${stamp}`, 'reminder',
            c.dataRequest ? dataRequestTexts.reminder(c.reference, c.dataRequest.type, dataRequestDeadline(c)) : officialTexts.reminder(c, step.deadline), at)),
          events: perRecipient(recipients, at, 'reminder', { level: c.level, status: c.status, deadline: step.deadline.toISOString() }),
        }),
      };
    }
    case 'escalate': {
      const escalated: Case = { ...c, level: step.to, levelSince: at, updatedAt: at };
      escalated.nextCheckAt = nextCheckAt(escalated, policy, at, now);
      // The first climb to a level keeps the plain alert ids (`alert.<case>.<official>.L2`); a case
      // handed back down and climbing again gets a round of its own, so it alerts again.
      const n = (c.escalations ?? 0) + 1;
      return {
        result: 'escalated',
        plan: ok({
          case: escalated,
          events: [caseEvent('escalated', at, 'system', {
            from: step.from, to: step.to, status: c.status, reason: c.status === 'new' ? 'not_acknowledged' : 'not_resolved', deadline: step.deadline.toISOString(),
          })],
          alerts: [{ level: step.to, reason: 'escalation', escalation: escalationFacts(c, x, officials), ...(n === step.to - 1 ? {} : { round: `e${n}` }) }],
        }),
      };
    }
    case 'breached': {
      const recipients = recipientsFor(c, 3, [...officials]);
      const stamp = `${c.status}.${step.deadline.getTime().toString(36)}.${step.periods}`;
      const next = nextBreachCheckAt(c, policy, step.deadline, step.periods);
      return {
        result: 'breached',
        plan: ok({
          case: { ...c, ...(next ? { nextCheckAt: next } : {}) },
          messages: recipients.map((o) => officialMessage(c, o, `overdue.${c.id}.${o.id}.${stamp}`, 'overdue',
            c.dataRequest ? dataRequestTexts.overdue(c.reference, c.dataRequest.type, dataRequestDeadline(c), now) : officialTexts.overdue(c, step.deadline), at)),
          events: perRecipient(recipients, at, 'sla_breached', { level: 3, status: c.status, periods: step.periods, deadline: step.deadline.toISOString() }),
        }),
      };
    }
  }
}

/**
 * What the level above is told about the climb: the office that had the case (it waited for it, or
 * it held it unresolved) and that level's deadline, so every escalation SMS says it is one.
 */
function escalationFacts(c: Case, x: Actor, officials: readonly Official[]): EscalationFacts {
  const assignee = c.assignee ? officials.find((o) => o.id === c.assignee) : undefined;
  const holder = caseHolder(c, assignee);
  const waitedFor = holder.state === 'held' || holder.state === 'waiting' ? officeLabel(holder.office, 'id') : officeLabel({ level: 2 }, 'id');
  return { waitedFor, minutes: slaMinutes(c, x.policy) ?? 0, notResolved: c.status === 'acknowledged' };
}

/** The official who took the case is reminded to finish it; an unheld case reminds its whole level. */
function reminderRecipients(c: Case, officials: readonly Official[]): Official[] {
  if (c.status === 'acknowledged' && c.assignee) {
    const assignee = officials.find((o) => o.id === c.assignee && o.active);
    if (assignee) return [assignee];
  }
  return recipientsFor(c, c.level, [...officials]);
}

function officialMessage(c: Case, o: Official, id: string, purpose: string, text: string, at: string): OutboundMessage {
  return { id, audience: 'official', to: o.phone, caseId: c.id, officialId: o.id, level: c.level, purpose, text, status: 'pending', attempts: 0, createdAt: at };
}

/** One event per official told (or one naming nobody, so a gap in the directory shows on the timeline). */
function perRecipient<K extends 'reminder' | 'sla_breached'>(
  recipients: Official[], at: string, type: K, detail: Omit<CaseEventDetails[K], 'official'>,
): CaseEvent[] {
  if (recipients.length === 0) return [caseEvent(type, at, 'system', { ...detail, official: 'none' } as CaseEventDetails[K])];
  return recipients.map((o) => caseEvent(type, at, 'system', { ...detail, official: o.id, ...channelDetail(officialChannel(o)) } as CaseEventDetails[K]));
}
