import type { Case } from '../domain/case.js';
import { alertOfficials } from './alert-officials.js';
import { noticeFor, notifyOfficials, notifyReporter } from './notify-reporter.js';
import type { Deps } from './deps.js';

/**
 * Reacts to a committed change of a case (from the table stream): alerts for a new case, a neutral
 * status SMS to the reporter when an official moves it, and the case event for other systems. Runs
 * after the write, never inside the request. Every effect is keyed on the case version, so a
 * redelivered record queues nothing twice.
 */
export async function onCaseChanged(deps: Pick<Deps, 'cases' | 'directory' | 'reporters' | 'clock' | 'events'>, before: Case | undefined, after: Case): Promise<void> {
  if (!before) {
    // The level it was filed at: a complaint at the regency office (1), a data request at the desk (2).
    await alertOfficials(deps, after, after.level, 'new_case');
  }
  // A data request's reporter hears its outcome from the decision itself (data-request-plans.ts).
  const notice = after.kind === 'data_request' ? undefined : noticeFor(before, after);
  if (notice) {
    await notifyReporter(deps, after, notice, `status.${after.id}.v${after.version}`);
    if (notice === 'reopened') await notifyOfficials(deps, after, 'reopened', `reopened.${after.id}.v${after.version}`);
  }
  const event = !before ? 'case_created'
    : before.status !== after.status ? `case_${after.status}`
      : before.level !== after.level ? 'case_escalated'
        : undefined;
  if (event && deps.events) {
    await deps.events.publish({
      event, reference: after.reference, regency: after.homeRegency, category: after.category,
      urgency: after.urgency, status: after.status, level: after.level, at: after.updatedAt,
    });
  }
}
