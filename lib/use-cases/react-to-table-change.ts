import type { Case } from '../domain/case.js';
import { onCaseChanged } from './case-changed.js';
import { deliverMessage } from './deliver-message.js';
import type { Deps } from './deps.js';

/** One committed table change, as the notifier read it from the stream: a case before and after, or a new outbox message. */
export type TableChange =
  | { kind: 'case'; before?: Case; after: Case }
  | { kind: 'message'; id: string };

/**
 * One committed table change: a new or changed case queues alerts and reporter updates (as outbox
 * messages), a new outbox message is sent. Throws to have the record retried.
 */
export async function reactToTableChange(
  deps: Pick<Deps, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters' | 'clock' | 'senders' | 'events' | 'policy' | 'metrics'>,
  change: TableChange,
): Promise<{ kind: 'case' } | { kind: 'message'; outcome: Awaited<ReturnType<typeof deliverMessage>>; messageId: string }> {
  if (change.kind === 'case') {
    await onCaseChanged(deps, change.before, change.after);
    return { kind: 'case' };
  }
  return { kind: 'message', outcome: await deliverMessage(deps, change.id), messageId: change.id };
}
