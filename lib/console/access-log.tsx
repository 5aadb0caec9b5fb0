// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import type { Language } from '../domain/categories.js';
import { canReadAccessLog } from '../domain/visibility.js';
import { normaliseReference } from '../domain/reference.js';
import type { Official } from '../domain/official.js';
import type { AccessEntry } from '../domain/access.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import {
  ACCESS_KINDS, type AccessKind, type AuditQuery, type AuditRow, countPerKind, daysIn, groupPerAction, MAX_AUDIT_DAYS, MAX_AUDIT_ENTRIES, readAccessAudit, witaDay,
} from '../use-cases/console/access-audit.js';
import { csvDocument, witaDateTime } from './csv.js';
import { page, t, type ConsoleContext } from './kit.js';
import { T } from './texts.js';

/** At 360 px the times and references must not break inside (overflow-wrap:anywhere is the console's default for cells). */
export const ACCESS_LOG_CSS = `
#per-kind td,#per-kind thead th:last-child{white-space:nowrap;width:1%;text-align:right}
#access-log td:first-child,#access-log td:last-child,#access-log thead th{overflow-wrap:normal}
#access-log td:last-child a{white-space:nowrap}
`;

const pair = (id: string, en: string) => ({ id, en });
const A = {
  intro: pair(
    'Setiap tampilan data pribadi (UU 27/2022): siapa, kapan, apa, kasus mana. Satu baris per tindakan: entri yang ditulis satu permintaan (mis. pencarian yang menampilkan beberapa kasus) digabung.',
    'Every view of personal data (UU 27/2022): who, when, what, which case. One row per action: the entries one request wrote (e.g. a search listing several cases) are grouped.',
  ),
  from: pair('Dari tanggal (WITA)', 'From date (WITA)'),
  to: pair('Sampai tanggal (WITA)', 'To date (WITA)'),
  official: pair('Petugas', 'Official'),
  reference: pair('Kode kasus', 'Case reference'),
  kind: pair('Jenis', 'Kind'),
  anyOfficial: pair('Semua petugas', 'Every official'),
  anyKind: pair('Semua jenis', 'Every kind'),
  perKind: pair('Per jenis tindakan', 'Per kind of action'),
  entries: pair('Entri', 'Entries'),
  download: pair('Unduh CSV untuk audit (unduhan ini juga tercatat)', 'Download CSV for an audit (the download is recorded too)'),
  none: pair('Tidak ada entri untuk saringan ini.', 'No entry for these filters.'),
  truncated: pair(`Lebih dari ${MAX_AUDIT_ENTRIES.toLocaleString('id-ID')} entri: yang terlama tidak ditampilkan. Persempit periode atau saringan.`, `More than ${MAX_AUDIT_ENTRIES.toLocaleString('en')} entries: the oldest are not shown. Narrow the period or the filters.`),
  tooLong: pair(`Periode paling lama ${MAX_AUDIT_DAYS} hari.`, `A period of ${MAX_AUDIT_DAYS} days at most.`),
  cases: pair('kasus', 'cases'),
  readers: pair('lihat peringatan pembaca', 'see the reader alerts'),
  reset: pair('Hapus saringan', 'Clear filters'),
  filtered: pair('Saringan', 'Filters'),
};

/** The kinds as an official reads them, for the filter and the summary (the codes stay in the stored entries and in data-action). */
const kindLabel = (k: AccessKind | AccessEntry['action'], l: Language) => T.accessActions[k]?.[l] ?? T.accessActions.other![l];
const fieldsLabel = (fields: readonly string[], l: Language) => fields.map((f) => T.accessFields[f]?.[l] ?? T.accessFields.other![l]).join(', ');
/** References that are not a case's: the downloads, the agents page, a reader alert's `-`. */
const otherTarget = (reference: string, l: Language) => T.accessTargets[reference]?.[l] ?? (reference === '-' ? '' : reference);
const isCase = (reference: string) => normaliseReference(reference) === reference;

type Parsed = { kind: 'ok'; query: AuditQuery } | { kind: 'invalid'; fields: string[]; query: AuditQuery } | { kind: 'too_long'; query: AuditQuery };

/** The filters from the address; a wrong one is named (400), never silently dropped: an audit must know what it reads. */
function parseQuery(c: ConsoleContext, officials: Official[], today: string): Parsed {
  const bad: string[] = [];
  const date = (name: 'from' | 'to'): string | undefined => {
    const v = c.req.query(name) ?? c.req.query('day');
    if (v === undefined || v === '') return undefined;
    if (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return v;
    bad.push(name);
    return undefined;
  };
  let from = date('from') ?? today;
  let to = date('to') ?? (c.req.query('from') ? today : from);
  if (from > to) [from, to] = [to, from];
  const officialId = c.req.query('official') || undefined;
  if (officialId && !officials.some((o) => o.id === officialId)) bad.push('official');
  const rawRef = (c.req.query('ref') ?? '').trim();
  const reference = rawRef ? normaliseReference(rawRef) : undefined;
  if (rawRef && !reference) bad.push('ref');
  const kindRaw = c.req.query('kind') || undefined;
  const kind = kindRaw && (ACCESS_KINDS as readonly string[]).includes(kindRaw) ? kindRaw as AccessKind : undefined;
  if (kindRaw && !kind) bad.push('kind');
  const query: AuditQuery = { from, to, ...(officialId && !bad.includes('official') ? { officialId } : {}), ...(reference ? { reference } : {}), ...(kind ? { kind } : {}) };
  if (bad.length) return { kind: 'invalid', fields: bad, query };
  if (daysIn(from, to) > MAX_AUDIT_DAYS) return { kind: 'too_long', query };
  return { kind: 'ok', query };
}

const FIELD_NAMES: Record<string, { id: string; en: string }> = {
  from: A.from, to: A.to, official: A.official, ref: A.reference, kind: A.kind,
};

const queryString = (q: AuditQuery, change: Partial<Record<'kind', string | undefined>> = {}) => {
  const p = new URLSearchParams({ from: q.from, to: q.to });
  if (q.officialId) p.set('official', q.officialId);
  if (q.reference) p.set('ref', q.reference);
  const kind = 'kind' in change ? change.kind : q.kind;
  if (kind) p.set('kind', kind);
  return p.toString();
};

function Filters({ l, q, officials }: { l: Language; q: AuditQuery; officials: Official[] }) {
  return (
    <form method="get" action="/console/access-log" id="access-filters">
      <label for="f-from">{A.from[l]}</label><input type="date" id="f-from" name="from" value={q.from} />
      <label for="f-to">{A.to[l]}</label><input type="date" id="f-to" name="to" value={q.to} />
      <label for="f-official">{A.official[l]}</label>
      <select id="f-official" name="official">
        <option value="">{A.anyOfficial[l]}</option>
        {officials.map((o) => <option value={o.id} selected={o.id === q.officialId}>{`${o.name} (${T.levels[o.level][l]})`}</option>)}
      </select>
      <label for="f-ref">{A.reference[l]}</label><input type="text" id="f-ref" name="ref" value={q.reference ?? ''} maxlength={12} autocomplete="off" />
      <label for="f-kind">{A.kind[l]}</label>
      <select id="f-kind" name="kind">
        <option value="">{A.anyKind[l]}</option>
        {ACCESS_KINDS.map((k) => <option value={k} selected={k === q.kind}>{kindLabel(k, l)}</option>)}
      </select>
      <button type="submit">{T.show[l]}</button>
    </form>
  );
}

function Row({ l, r, names }: { l: Language; r: AuditRow; names: Map<string, Official> }) {
  const who = names.get(r.officialId);
  const cases = r.references.filter(isCase);
  const others = r.references.filter((x) => !isCase(x)).map((x) => otherTarget(x, l)).filter(Boolean);
  return (
    <tr>
      <td>{r.times > 1 ? `${witaDateTime(r.since)}–${witaDateTime(r.at)?.slice(11)} (${r.times}×)` : witaDateTime(r.at)}</td>
      <td>{who ? `${who.name} (${T.levels[who.level][l]})` : r.officialId}</td>
      <td data-action={r.action}>
        {r.action === 'reader_alert'
          ? <a href="/console/readers" class="late">{`${kindLabel(r.action, l)}: ${r.cases ?? '?'}`}</a>
          : kindLabel(r.action, l)}
        {r.fields.length ? `: ${fieldsLabel(r.fields, l)}` : ''}{r.reason ? ` (${r.reason})` : ''}
      </td>
      <td>
        {cases.length > 1 ? `${cases.length} ${A.cases[l]}: ` : ''}
        {cases.map((ref, i) => <>{i ? ', ' : ''}<a href={`/console/access-log?${new URLSearchParams({ from: witaDay(r.at), to: witaDay(r.at), ref })}`}>{ref}</a></>)}
        {others.length ? `${cases.length ? ', ' : ''}${others.join(', ')}` : ''}
      </td>
    </tr>
  );
}

/**
 * `/console/access-log` (desk and BP3MI): the log of a period, filtered and grouped per action,
 * and its CSV for an audit (one line per stored entry, every download itself recorded).
 */
export function accessLogPages(deps: ConsoleDeps) {
  const forbidden = (c: ConsoleContext) => c.html(page(c, { title: t(c, T.accessLog), body: <p class="err">{t(c, T.forbidden)}</p> }), 403);

  const prepare = async (c: ConsoleContext) => {
    const officials = (await deps.directory.listOfficials()).sort((a, b) => a.level - b.level || a.name.localeCompare(b.name));
    return { officials, parsed: parseQuery(c, officials, witaDay(deps.clock.now().toISOString())) };
  };

  const list = async (c: ConsoleContext) => {
    if (!canReadAccessLog(c.get('official'))) return forbidden(c);
    const l = c.get('lang');
    const { officials, parsed } = await prepare(c);
    const q = parsed.query;
    if (parsed.kind !== 'ok') {
      const text = parsed.kind === 'invalid' ? `${T.invalid[l]}${parsed.fields.map((f) => FIELD_NAMES[f]![l].toLowerCase()).join(', ')}` : A.tooLong[l];
      return c.html(page(c, { title: t(c, T.accessLog), body: <><p class="err" id="notice" role="alert">{text}</p><Filters l={l} q={q} officials={officials} /></> }), 400);
    }
    const { kind, ...rest } = q;
    const read = await readAccessAudit(deps.accessLog, rest);
    const counts = countPerKind(read.entries);
    const rows = groupPerAction(kind ? read.entries.filter((e) => e.action === kind) : read.entries);
    const names = new Map(officials.map((o) => [o.id, o]));
    const filtered = Boolean(q.officialId || q.reference || q.kind);
    return c.html(page(c, {
      title: t(c, T.accessLog),
      body: (
        <>
          <p>{A.intro[l]}</p>
          <Filters l={l} q={q} officials={officials} />
          {filtered ? <p><a href={`/console/access-log?${new URLSearchParams({ from: q.from, to: q.to })}`} id="filter-reset" class="button-link">{A.reset[l]}</a></p> : null}
          {read.truncated ? <p class="err" id="truncated">{A.truncated[l]}</p> : null}
          <h2>{A.perKind[l]}</h2>
          <table id="per-kind">
            <thead><tr><th scope="col">{A.kind[l]}</th><th scope="col">{A.entries[l]}</th></tr></thead>
            <tbody>
              {ACCESS_KINDS.map((k) => (
                <tr data-kind={k}><th scope="row"><a href={`/console/access-log?${queryString(q, { kind: k })}`} aria-current={q.kind === k ? 'true' : undefined}>{kindLabel(k, l)}</a></th><td>{counts[k]}</td></tr>
              ))}
            </tbody>
          </table>
          <p><a href={`/console/access-log/export.csv?${queryString(q)}`} id="access-log-csv" class="button-link">{A.download[l]}</a></p>
          <h2>{T.accessLog[l]}{filtered ? ` · ${A.filtered[l].toLowerCase()}` : ''}</h2>
          {rows.length === 0 ? <p id="access-log-empty">{A.none[l]}</p> : (
            <table id="access-log">
              <thead><tr><th scope="col">{T.when[l]} (WITA)</th><th scope="col">{T.who[l]}</th><th scope="col">{T.what[l]}</th><th scope="col">{T.caseCol[l]}</th></tr></thead>
              <tbody>{rows.map((r) => <Row l={l} r={r} names={names} />)}</tbody>
            </table>
          )}
        </>
      ),
    }));
  };

  const csv = async (c: ConsoleContext) => {
    const official = c.get('official');
    if (!canReadAccessLog(official)) return forbidden(c);
    const l = c.get('lang');
    const { officials, parsed } = await prepare(c);
    if (parsed.kind !== 'ok') {
      const text = parsed.kind === 'invalid' ? `${T.invalid[l]}${parsed.fields.map((f) => FIELD_NAMES[f]![l].toLowerCase()).join(', ')}` : A.tooLong[l];
      return c.text(text, 400);
    }
    const read = await readAccessAudit(deps.accessLog, parsed.query);
    // The export shows who read what and why: it is itself an entry of the log, before it leaves.
    await deps.accessLog.append({ at: deps.clock.now().toISOString(), officialId: official.id, action: 'exported', reference: 'access-log.csv', fields: ['access_log'] });
    const names = new Map(officials.map((o) => [o.id, o]));
    const head = [
      `${T.when[l]} (WITA)`, A.official[l], l === 'id' ? 'ID petugas' : 'Official id', T.level[l], A.kind[l], l === 'id' ? 'Data yang dibuka' : 'Data shown',
      T.caseCol[l], T.reason[l], l === 'id' ? 'Jumlah kasus (peringatan pembaca)' : 'Cases (reader alert)',
    ];
    const rows = read.entries.map((e) => {
      const who = names.get(e.officialId);
      return [
        witaDateTime(e.at), who?.name ?? e.officialId, e.officialId, who ? T.levels[who.level][l] : '', kindLabel(e.action, l), fieldsLabel(e.fields, l),
        isCase(e.reference) ? e.reference : otherTarget(e.reference, l), e.reason, e.cases,
      ];
    });
    const note = read.truncated ? [[A.truncated[l]]] : [];
    const q = parsed.query;
    return c.body(csvDocument([head, ...rows, ...note]), 200, {
      'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="log-akses-${q.from}${q.to !== q.from ? `-${q.to}` : ''}.csv"`,
    });
  };

  return { list, csv };
}
