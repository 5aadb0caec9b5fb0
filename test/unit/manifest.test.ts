import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entrySource } from '../../lib/composition/aws-entries.js';
import { FUNCTIONS, FUNCTION_NAMES, entryOf, envOf, kebab, ungrantedPorts, type FunctionSpec } from '../../lib/composition/manifest.js';

const root = resolve(import.meta.dirname, '../..');

describe('the function manifest', () => {
  it('is the only list of functions: functions/ holds exactly its entry points, as `npm run functions` writes them', () => {
    expect(readdirSync(join(root, 'functions')).map((f) => `functions/${f}`).sort()).toEqual(FUNCTION_NAMES.map(entryOf).sort());
    for (const name of FUNCTION_NAMES) expect(readFileSync(join(root, entryOf(name)), 'utf8'), `${entryOf(name)}: run npm run functions`).toBe(entrySource(name));
  });

  it('lets an entry point import its own factory and no other function\'s', () => {
    for (const name of FUNCTION_NAMES) {
      const factories = [...readFileSync(join(root, entryOf(name)), 'utf8').matchAll(/from '\.\.\/lib\/composition\/functions\/([\w-]+)\.js'/g)].map((m) => m[1]);
      expect(factories, name).toEqual([kebab(name)]);
    }
  });

  it('loads factories only when asked: the manifest imports no handler code at all', () => {
    const source = readFileSync(join(root, 'lib/composition/manifest.ts'), 'utf8');
    const staticImports = [...source.matchAll(/^import (?!type)[^;]+from '([^']+)'/gm)].map((m) => m[1]);
    // Data only: the two stream filters (one module), which are what the event source mappings filter on.
    expect(staticImports.sort()).toEqual(['../adapters/dynamo/stream-filter.js']);
  });

  it('gives each function only ports its grants allow, and refuses to write an entry point for one that takes more', () => {
    for (const name of FUNCTION_NAMES) expect(ungrantedPorts(name), name).toEqual([]);
    const web = FUNCTIONS.web as FunctionSpec;
    const greedy = { ...web, ports: [...web.ports, 'callbackKey'] } as FunctionSpec;
    (FUNCTIONS as Record<string, FunctionSpec>).web = greedy;
    try {
      expect(() => entrySource('web')).toThrow(/web takes callbackKey but none of its grants \(store\) allows it/);
    } finally {
      (FUNCTIONS as Record<string, FunctionSpec>).web = web;
    }
  });

  it('derives what a function knows from what it may touch: no gateway secret for web, console and figures, no key for figures', () => {
    const knows = (name: Parameters<typeof envOf>[0], variable: string) => envOf(name).includes(variable as never);
    expect(FUNCTION_NAMES.filter((name) => knows(name, 'GATEWAY_SECRET_ARN')).sort()).toEqual(['escalator', 'notifier', 'smsDelivery', 'smsInbound', 'ussd']);
    expect(FUNCTION_NAMES.filter((name) => knows(name, 'EVENTS_TOPIC_ARN'))).toEqual(['notifier']);
    expect(FUNCTION_NAMES.filter((name) => knows(name, 'CONSOLE_ORIGIN'))).toEqual(['console']);
    expect(envOf('figures').sort()).toEqual(['HOTLINE_PHONE', 'LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME', 'SMS_SHORTCODE', 'STAGE', 'TABLE_NAME']);
  });

});
