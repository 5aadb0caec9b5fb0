import { FUNCTIONS, entryOf, kebab, ungrantedPorts, type FunctionName, type FunctionSpec } from './manifest.js';
import type { PortName } from './ports.js';

/**
 * The source of each Lambda entry point in functions/, written from the manifest by
 * `npm run functions` (and compared with the files by test/unit/manifest.test.ts). An entry imports
 * its own factory and the builders of exactly the ports its manifest entry names, so its bundle
 * holds nothing another function needs and its cold start constructs only its own clients.
 */

/**
 * A shared resource of several ports: built once per cold start, before the ports that use it.
 * `after`: built from another source once that one is ready (an aggregate on the sealed table).
 */
interface Source { imports: string[]; declare: string; awaited?: true; after?: SourceName }

const SOURCES = {
  /** The sealed table (DynamoDB, KMS, the lookup key): each aggregate a function takes is built on it. */
  store: { imports: ["import { awsSealedTable } from '../lib/composition/aws-store.js';"], declare: 'awsSealedTable(cfg)', awaited: true },
  /** Every aggregate at once, for a function that takes them all (the console's `stores`). */
  stores: { imports: ["import { awsStores } from '../lib/composition/aws-stores.js';"], declare: 'awsStores(cfg)', awaited: true },
  /** One case store when a function takes both `cases` and `decoder`, as it had with `stores.cases`. */
  cases: { imports: ["import { DynamoCaseStore } from '../lib/adapters/dynamo/cases.js';"], declare: 'new DynamoCaseStore(store.table, store.cipher)', after: 'store' },
  gateway: { imports: ["import { gatewaySecret } from '../lib/composition/aws-gateway.js';"], declare: 'gatewaySecret(cfg)', awaited: true },
  sns: { imports: ["import { snsPorts } from '../lib/composition/aws-sns.js';"], declare: 'snsPorts(cfg)' },
  table: { imports: ["import { figuresTable } from '../lib/composition/aws-figures.js';"], declare: 'figuresTable(cfg)' },
} satisfies Record<string, Source>;
type SourceName = 'store' | 'stores' | 'cases' | 'gateway' | 'sns' | 'table';

/** The adapter module and class of each aggregate a function can take alone. */
const AGGREGATES = {
  outbox: ['DynamoOutbox', 'outbox'], directory: ['DynamoDirectory', 'directory'], reporters: ['DynamoReporters', 'reporters'],
  counters: ['DynamoRateCounter', 'rate-counter'], ussdDrafts: ['DynamoUssdDrafts', 'ussd-drafts'],
} as const;

interface Recipe { uses?: SourceName; imports?: string[]; expr: string }

const figuresStore = "import { DynamoFiguresStore } from '../lib/adapters/dynamo/figures-store.js';";

/** How the AWS entry builds each port, given the function's manifest entry. */
function recipe(port: PortName, spec: FunctionSpec): Recipe {
  const lazy = spec.loadOnFirstUse?.includes(port) ?? false;
  // A function that takes every aggregate (`stores`) gets the others from it; any other builds only the aggregates it takes.
  const all = spec.ports.includes('stores');
  const on: SourceName = all ? 'stores' : 'store';
  switch (port) {
    case 'outbox': case 'directory': case 'reporters': case 'counters': case 'ussdDrafts': {
      if (all) return { uses: 'stores', expr: `stores.${port}` };
      const [name, file] = AGGREGATES[port];
      return { uses: 'store', imports: [`import { ${name} } from '../lib/adapters/dynamo/${file}.js';`], expr: `new ${name}(store.table, store.cipher)` };
    }
    case 'cases': case 'decoder': return all ? { uses: 'stores', expr: 'stores.cases' } : { uses: 'cases', expr: 'cases' };
    case 'stores': return { uses: 'stores', expr: 'stores' };
    case 'reads': return { uses: on, imports: ["import { DynamoReads } from '../lib/adapters/dynamo/reads.js';"], expr: `new DynamoReads(${on}.table)` };
    case 'agents': return { uses: on, imports: ["import { DynamoAgentsStore } from '../lib/adapters/dynamo/agents-store.js';"], expr: `new DynamoAgentsStore(${on}.table)` };
    case 'figures':
      // With the store grant the figures live on the store's table; the figures consumer has a table of its own, without the key.
      return spec.grants.includes('store')
        ? { uses: on, imports: [figuresStore], expr: `new DynamoFiguresStore(${on}.table)` }
        : { uses: 'table', imports: [figuresStore], expr: 'new DynamoFiguresStore(table)' };
    case 'callbackKey': return { uses: 'gateway', expr: 'gateway.callbackKey' };
    case 'reporterSms': return { uses: 'gateway', imports: ["import { CurrentCredentialsAtSender } from '../lib/composition/aws-gateway.js';"], expr: 'new CurrentCredentialsAtSender(gateway, cfg.atSenderId)' };
    case 'officialSms':
      return lazy
        ? { imports: ["import { officialSenderOnFirstAlert } from '../lib/composition/aws-sns-on-first-alert.js';"], expr: 'officialSenderOnFirstAlert(cfg)' }
        : { uses: 'sns', expr: 'sns.official' };
    case 'events': return { uses: 'sns', expr: 'sns.events' };
    case 'whatsappSecrets': return { imports: ["import { whatsappWebhookSecrets } from '../lib/composition/aws-whatsapp.js';"], expr: 'whatsappWebhookSecrets(cfg)' };
    case 'whatsappSender': return { imports: ["import { whatsappSender } from '../lib/composition/aws-whatsapp.js';"], expr: 'whatsappSender(cfg)' };
    case 'consoleSite': return { imports: ["import { awsConsoleSite } from '../lib/composition/aws-config.js';"], expr: 'awsConsoleSite(cfg)' };
    case 'clock': return { imports: ["import { systemClock } from '../lib/clock.js';"], expr: 'systemClock' };
    case 'policy': return { expr: 'cfg.policy' };
    case 'metrics': return { imports: ["import { CloudWatchMetrics } from '../lib/adapters/metrics/cloudwatch.js';"], expr: 'new CloudWatchMetrics()' };
  }
}

export function entrySource(name: FunctionName): string {
  const spec: FunctionSpec = FUNCTIONS[name];
  const ungranted = ungrantedPorts(name);
  if (ungranted.length) throw new Error(`${name} takes ${ungranted.join(', ')} but none of its grants (${spec.grants.join(', ')}) allows it`);
  const recipes = spec.ports.map((port) => [port, recipe(port, spec)] as const);
  const direct = recipes.flatMap(([, r]) => (r.uses ? [r.uses] : []));
  const used = [...new Set(direct.flatMap((s): SourceName[] => { const after = (SOURCES[s] as Source).after; return after ? [after, s] : [s]; }))];
  const imports = new Set<string>(["import { awsConfig, handlerWhenReady } from '../lib/composition/aws-config.js';"]);
  for (const source of used) SOURCES[source].imports.forEach((line) => imports.add(line));
  for (const [, r] of recipes) r.imports?.forEach((line) => imports.add(line));
  imports.add(`import { create } from '../lib/composition/functions/${kebab(name)}.js';`);
  // One import line per module, names sorted, lines sorted by module.
  const byModule = new Map<string, Set<string>>();
  for (const line of imports) {
    const [, names, from] = /^import \{ (.+) \} from '(.+)';$/.exec(line)!;
    const set = byModule.get(from!) ?? new Set<string>();
    names!.split(', ').forEach((n) => set.add(n));
    byModule.set(from!, set);
  }
  const importLines = [...byModule].sort(([a], [b]) => a.localeCompare(b)).map(([from, names]) => `import { ${[...names].sort().join(', ')} } from '${from}';`);

  // Clients constructed synchronously first, then the reads they need in flight together.
  const sync = used.filter((s) => !(SOURCES[s] as Source).awaited && !(SOURCES[s] as Source).after);
  const awaited = used.filter((s) => (SOURCES[s] as Source).awaited);
  const derived = used.filter((s) => (SOURCES[s] as Source).after);
  const body: string[] = sync.map((s) => `  const ${s} = ${SOURCES[s].declare};`);
  if (awaited.length === 1) body.push(`  const ${awaited[0]} = await ${SOURCES[awaited[0]!].declare};`);
  if (awaited.length > 1) body.push(`  const [${awaited.join(', ')}] = await Promise.all([${awaited.map((s) => SOURCES[s].declare).join(', ')}]);`);
  body.push(...derived.map((s) => `  const ${s} = ${SOURCES[s].declare};`));
  body.push('  return create({');
  body.push(...recipes.map(([port, r]) => `    ${port === r.expr ? port : `${port}: ${r.expr}`},`));
  body.push('  });');

  return [
    `// Written by \`npm run functions\` from lib/composition/manifest.ts (${name}): edit the manifest, not this file.`,
    ...importLines,
    '',
    `/** ${spec.description}. Grants: ${spec.grants.join(', ')}. */`,
    'const cfg = awsConfig();',
    '',
    'export const handler = handlerWhenReady(async () => {',
    ...body,
    '});',
    '',
  ].join('\n');
}

/** Every entry point and its source. */
export const entrySources = (): Array<{ path: string; source: string }> =>
  (Object.keys(FUNCTIONS) as FunctionName[]).map((name) => ({ path: entryOf(name), source: entrySource(name) }));
