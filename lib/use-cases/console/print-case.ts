import type { AccessedField } from '../../domain/access.js';
import type { Official } from '../../domain/official.js';
import { normaliseReference } from '../../domain/reference.js';
import { canSee, canSeeContact } from '../../domain/visibility.js';
import type { CaseFile } from './case-pages-port.js';
import type { ConsoleDeps } from './deps.js';

export type PrintOutcome = { kind: 'found'; file: CaseFile; contactShown: boolean; printedAt: string } | { kind: 'not_found' };

/**
 * A case summary to print for a meeting (issue 23, item 10): what the case page shows, read by the
 * same rules (a case one may not see answers as not found and the attempt is logged `denied`; the
 * reporter's number only for the official who took the case; the NIK never whole on paper), and
 * recorded in the access log as `printed` with every personal field it carries, so an audit tells a
 * printout from a view on the screen.
 */
export async function printCase(
  deps: Pick<ConsoleDeps, 'casePages' | 'accessLog' | 'clock'>,
  official: Official,
  rawReference: string,
): Promise<PrintOutcome> {
  const reference = normaliseReference(rawReference);
  const file = reference ? await deps.casePages.caseFile(reference) : undefined;
  const at = deps.clock.now().toISOString();
  // A data request has no summary to print: it is decided on its own page (lib/console/requests.tsx).
  if (!file || file.case.kind === 'data_request') return { kind: 'not_found' };
  if (!canSee(official, file.case)) {
    await deps.accessLog.append({ at, officialId: official.id, action: 'denied', reference: file.case.reference, fields: [] });
    return { kind: 'not_found' };
  }
  const c = file.case;
  const contactShown = canSeeContact(official, c) && !c.erased;
  const fields: AccessedField[] = c.erased ? [] : [
    'text', ...(c.workerName ? ['worker_name' as const] : []), ...(contactShown ? ['contact' as const] : []),
  ];
  await deps.accessLog.append({ at, officialId: official.id, action: 'printed', reference: c.reference, fields });
  return { kind: 'found', file, contactShown, printedAt: at };
}
