import { config } from 'zod/mini';
import { en } from 'zod/locales';

/**
 * zod/mini rather than classic zod: the same validation core at a fraction of the bundle size in
 * every Lambda. Unlike classic, mini installs no locale, and without one every built-in issue reads
 * "Invalid input"; those messages reach the web form, AT callbacks and the officials CLI. Schema
 * modules import z from here so that English is in place before anything parses.
 */
config(en());

export * from 'zod/mini';
