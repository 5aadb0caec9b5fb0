import type { Official } from '../../ports.js';
import { consoleKeys } from './console-keys.js';
import { ConsoleTable } from './console-table.js';
import { officialFromItem } from './hotline-store.js';

/** One official by id: every console request checks the official is still active with the same PIN. */
export class DynamoOfficialLookup {
  constructor(private readonly table: ConsoleTable) {}

  async getOfficial(id: string): Promise<Official | undefined> {
    const item = await this.table.get(consoleKeys.official(id));
    return item ? officialFromItem(item) : undefined;
  }
}
