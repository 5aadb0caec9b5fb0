/**
 * Stands in for `node:stream/web` in the function bundles (ESBUILD_OPTIONS' alias).
 *
 * Its only importer is @middy/core, which needs `ReadableStream` for one thing: an
 * `instanceof ReadableStream` test in its streamed-response mode (`streamifyResponse`), which no
 * function of this stack uses. Importing the real module at the top of every bundle makes Node load
 * its whole web-streams implementation (readable, writable and transform streams, adapters,
 * compression, encoding: seven internal modules) at every cold start, 2-4 ms on these machines,
 * for nothing. Here the class is looked up only when such a test is actually made, so a streamed
 * response would still be recognised.
 */
export class ReadableStream {
  static [Symbol.hasInstance](value: unknown): boolean {
    return value instanceof globalThis.ReadableStream;
  }
}
