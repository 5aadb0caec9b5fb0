/**
 * Agency (P3MI) and broker names as people type them: "PT. Maju Jaya", "pt maju-jaya", "Calo Pak Amir",
 * "tekong amir". Normalised so that the same name typed differently finds the same cases; only the
 * keyed hash of the normal form is ever compared (the name itself stays encrypted).
 */
const LEGAL_FORMS = new Set(['pt', 'cv', 'ud', 'tbk', 'persero', 'perseroan', 'terbatas']);
/** Words that say what the person is, not who: broker words, honorifics, "agency". */
const ROLE_WORDS = new Set([
  'calo', 'tekong', 'sponsor', 'broker', 'agen', 'agency', 'agent', 'p3mi', 'pptkis', 'ppmi',
  'pak', 'bapak', 'bpk', 'bu', 'ibu', 'mas', 'mbak', 'bang', 'abang', 'haji', 'h', 'hj', 'inaq', 'amaq', 'mr', 'mrs',
]);
/** Common spellings of the same word in agency names. */
const SPELLINGS: Record<string, string> = {
  indah: 'indah', djaja: 'jaya', djaya: 'jaya', jaja: 'jaya', sentosa: 'sentosa', santosa: 'sentosa',
  abadi: 'abadi', oetama: 'utama', utama: 'utama', mandiri: 'mandiri', sejahtra: 'sejahtera', sejahtera: 'sejahtera',
};

export const AGENT_NAME_MAX = 100;

export function normaliseAgentName(raw: string): string | undefined {
  // new RegExp, not a literal: V8 parses a \p{..} literal at every cold start, used or not (see normaliseSms).
  const words = raw
    .normalize('NFKD').replace(new RegExp('\\p{M}', 'gu'), '')
    .toLowerCase()
    // "P.T." and "P T" are the legal form PT; dots inside abbreviations go first.
    .replace(/\bp\s*\.?\s*t\b\.?/g, ' pt ')
    .replace(new RegExp('[^\\p{L}\\p{N}]+', 'gu'), ' ')
    .trim().split(/\s+/)
    .filter((w) => w && !LEGAL_FORMS.has(w) && !ROLE_WORDS.has(w))
    .map((w) => SPELLINGS[w] ?? w.replace(/oe/g, 'u').replace(/dj/g, 'j').replace(/tj/g, 'c'));
  const name = words.join(' ');
  return name.length >= 2 ? name : undefined;
}
