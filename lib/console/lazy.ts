import type { Handler } from 'hono';
import type { ConsoleContext, ConsoleEnv } from './kit.js';

/** A console route's code: it answers from the context (the session middleware has already run). */
export type PageHandler = (c: ConsoleContext) => Response | Promise<Response>;

/**
 * The routes of one page or screen, with their code loaded by the first request that needs it.
 *
 * A console cold start serves one request: the sign-in form, the queue, a case, an export. The router
 * (paths, methods, the session check, the layout) is built at init; each page's views, forms and use
 * cases sit behind `import()`, so esbuild puts them in a chunk of their own that only that page's
 * first request reads and compiles. `load` is called once; a failed load is tried again by the next
 * request rather than remembered.
 */
export function lazyPages<M extends Record<string, PageHandler>>(load: () => Promise<M>): (name: keyof M & string) => Handler<ConsoleEnv> {
  let loading: Promise<M> | undefined;
  const pages = () => (loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  }));
  return (name) => async (c) => (await pages())[name]!(c);
}

/** A path parameter the route's own pattern guarantees (Hono types it loosely outside the route's literal path). */
export const param = (c: ConsoleContext, name: string): string => c.req.param(name) ?? '';
