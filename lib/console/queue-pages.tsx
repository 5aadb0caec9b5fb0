// One chunk for what the pages share with the router: see init-chunk.ts.
import './init-chunk.js';
import * as z from '../zod.js';
import { CHANNELS } from '../domain/case.js';
import { Category } from '../domain/categories.js';
import { HomeRegency } from '../domain/regions.js';
import type { ConsoleDeps } from '../use-cases/console/deps.js';
import { CONSOLE_TABS, type ConsoleTab, queuePage } from '../use-cases/console/queue.js';
import { searchCases } from '../use-cases/console/search.js';
import type { QueueFilter } from '../use-cases/console/case-pages-port.js';
import { type ConsoleContext, html, t } from './kit.js';
import { T } from './texts.js';
import { QueueView } from './views.js';

const QueueQueryInput = z.object({
  tab: z._default(z.catch(z.enum(CONSOLE_TABS as [ConsoleTab, ...ConsoleTab[]]), 'unassigned'), 'unassigned'),
  regency: z.optional(z.catch(z.optional(HomeRegency), undefined)),
  category: z.optional(z.catch(z.optional(Category), undefined)),
  status: z.optional(z.catch(z.optional(z.enum(['new', 'acknowledged', 'resolved', 'closed'])), undefined)),
  channel: z.optional(z.catch(z.optional(z.enum(CHANNELS)), undefined)),
  level: z.optional(z.catch(z.optional(z.pipe(z.coerce.number().check(z.int(), z.gte(1), z.lte(3)), z.transform((n: number) => n as 1 | 2 | 3))), undefined)),
  from: z.optional(z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined)),
  to: z.optional(z.catch(z.optional(z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/))), undefined)),
  after: z.optional(z.string().check(z.maxLength(4000))),
});

/** The search box parses phone numbers: its parser (and the metadata of every country) loads with the first search. */
const phoneParser = () => import('../domain/phone.js');

/** The queue: a tab, its filters, and the search box. */
export function queuePages(deps: ConsoleDeps) {
  const queue = async (c: ConsoleContext) => {
    const parsed = QueueQueryInput.safeParse(c.req.query());
    const q = parsed.success ? parsed.data : { tab: 'unassigned' as const };
    // A period typed backwards is read the right way round (DynamoDB refuses an inverted BETWEEN).
    if (q.from && q.to && q.from > q.to) [q.from, q.to] = [q.to, q.from];
    const filter: QueueFilter = {
      ...(q.regency ? { regency: q.regency } : {}), ...(q.category ? { category: q.category } : {}), ...(q.status ? { status: q.status } : {}),
      ...(q.channel ? { channel: q.channel } : {}), ...(q.level ? { level: q.level } : {}),
      ...(q.from ? { from: `${q.from}T00:00:00.000Z` } : {}), ...(q.to ? { to: `${q.to}T23:59:59.999Z` } : {}),
    };
    const asked = (c.req.query('q') ?? '').trim().slice(0, 40);
    const [result, directory, found] = await Promise.all([
      queuePage(deps, c.get('official'), { tab: q.tab, filter, ...(q.after ? { after: q.after } : {}) }),
      deps.directory.listOfficials(),
      asked ? phoneParser().then(({ normalisePhone }) => searchCases(deps, c.get('official'), asked, (text) => normalisePhone(text) ?? undefined)) : undefined,
    ]);
    const query = new URL(c.req.url).searchParams;
    return html(c, t(c, T.queue), (
      <QueueView l={c.get('lang')} official={c.get('official')} officials={directory} page={result} filter={filter} now={deps.clock.now()} query={query}
        {...(found ? { search: { q: asked, outcome: found } } : {})} />
    ));
  };
  return { queue };
}
