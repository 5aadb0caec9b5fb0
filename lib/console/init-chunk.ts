/**
 * Imported (for its imports only) by every page module the console loads lazily, so that esbuild puts
 * the code those pages share with the router into one chunk instead of one chunk per combination.
 *
 * esbuild gives each group of modules reached by the same set of entry points (the bundle's entry and
 * every `import()` target) a chunk of its own; a module the router and some pages import lands in a
 * chunk for exactly that set. With each page importing a different handful of small shared modules
 * (the logger, the SLA, references, agent names, ...), a cold start read eleven files of which six were
 * under 1.5 KB; each extra ES module costs a cold start ~0.4 ms here (resolve, read, compile, link).
 * Every page importing this module gives all of them one set, hence one chunk (the infra test counts
 * the files a console cold start reads). List here what the router itself imports and pages share.
 */
import './lazy.js';
import './kit.js';
import '../logger.js';
import '../domain/agent-name.js';
import '../domain/errors.js';
import '../domain/reference.js';
import '../domain/sla.js';
import '../figures/contribution.js';
