import { type CaseEvent, eventsOf } from '../domain/case.js';
import type { Official } from '../domain/official.js';
import type { Directory } from './port.js';

/** Wrong PINs in a row before an official is locked out until `officials set-pin` resets them. */
export const MAX_FAILED_PINS = 5;

/** Timeline event type written when an official's question is relayed to the reporter. */
export const QUESTION_RELAYED = 'question_relayed' as const;

export async function findOfficialById(store: Pick<Directory, 'listOfficials'>, id: string): Promise<Official | undefined> {
  return (await store.listOfficials()).find((o) => o.id === id);
}

/**
 * The official whose TANYA is still waiting for the reporter's answer: the last question on the
 * timeline, if no answer was relayed since. The reporter's next message is that answer.
 */
export function unansweredQuestionBy(timeline: readonly CaseEvent[]): string | undefined {
  const question = eventsOf(timeline, QUESTION_RELAYED).at(-1);
  if (!question) return undefined;
  const answered = eventsOf(timeline, 'answer_relayed').some((e) => e.at >= question.at);
  return answered ? undefined : question.detail.official;
}
