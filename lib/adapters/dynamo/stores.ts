import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Cipher } from '../../cipher.js';
import type { Deps } from '../../use-cases/deps.js';
import { DynamoCaseStore } from './cases.js';
import { DynamoDirectory } from './directory.js';
import { DynamoOutbox } from './outbox.js';
import { DynamoRateCounter } from './rate-counter.js';
import { DynamoReporters } from './reporters.js';
import { DynamoTable } from './table.js';
import { DynamoUssdDrafts } from './ussd-drafts.js';

/**
 * The aggregates on one table. A function takes the ones it uses; `cases` also decodes stream
 * images for the notifier.
 */
export class DynamoStores {
  readonly table: DynamoTable;
  readonly cases: DynamoCaseStore;
  readonly outbox: DynamoOutbox;
  readonly directory: DynamoDirectory;
  readonly reporters: DynamoReporters;
  readonly counters: DynamoRateCounter;
  readonly ussdDrafts: DynamoUssdDrafts;

  constructor(readonly db: DynamoDBClient, tableName: string, readonly cipher: Cipher) {
    this.table = new DynamoTable(db, tableName);
    this.cases = new DynamoCaseStore(this.table, cipher);
    this.outbox = new DynamoOutbox(this.table, cipher);
    this.directory = new DynamoDirectory(this.table, cipher);
    this.reporters = new DynamoReporters(this.table, cipher);
    this.counters = new DynamoRateCounter(this.table, cipher);
    this.ussdDrafts = new DynamoUssdDrafts(this.table, cipher);
  }

  /** The ports as use cases take them (`Deps`). */
  get ports(): Pick<Deps, 'cases' | 'outbox' | 'directory' | 'reporters' | 'counters'> & { ussdDrafts: DynamoUssdDrafts } {
    return { cases: this.cases, outbox: this.outbox, directory: this.directory, reporters: this.reporters, counters: this.counters, ussdDrafts: this.ussdDrafts };
  }
}
