import type { Case } from '../domain/case.js';
import { CATEGORY_LABELS, URGENCY_LABELS } from '../domain/categories.js';
import { countryLabel, regencyLabel } from '../domain/regions.js';

/**
 * SMS texts to officials, in Indonesian (the working language of the offices). An alert carries only
 * what is needed to act: reference, category, urgency, country, regency. Never the NIK, the
 * reporter's number or the free text (DOMAIN.md, law and safety).
 */
export const officialTexts = {
  newCase: (c: Pick<Case, 'reference' | 'category' | 'urgency' | 'country' | 'homeRegency'>) =>
    `PMI NTB ${c.reference} ${URGENCY_LABELS[c.urgency].id}: ${CATEGORY_LABELS[c.category].id}. ` +
    `${countryLabel(c.country, 'id')}, ${regencyLabel(c.homeRegency, 'id')}. Balas TERIMA ${c.reference} PIN`,
};
