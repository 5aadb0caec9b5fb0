import { parseArgs } from 'node:util';
import type { PasskeyStore } from './passkeys-port.js';
import type { Directory } from './port.js';
import { DEFAULT_PIN_PARAMS, hashPin, isValidPin, type PinHashParams } from './pin.js';
import { findOfficialById } from './directory.js';
import { describeOfficial, OfficialInput, officialFromInput } from './official-input.js';

export const USAGE = `Usage: npm run officials -- <command> [options]
  add      --id ID --name NAME --phone E164 --level 1|2|3 [--regencies 5201,5203] [--categories trafficking,...] (--pin PIN | --pin-stdin)
  list
  disable  --id ID
  enable   --id ID
  set-pin  --id ID (--pin PIN | --pin-stdin)     also unlocks after five wrong PINs; removes the official's passkeys
           (disable removes them too: a passkey added from a stolen session must not outlive the remedy)
Connection: --endpoint http://127.0.0.1:PORT (DynamoDB Local) or AWS credentials with --table NAME
  [--region R] [--kms-key ARN] [--lookup-secret ARN] (defaults from the environment via lib/config.ts)`;

export const CLI_OPTIONS = {
  endpoint: { type: 'string' }, table: { type: 'string' }, region: { type: 'string' },
  'kms-key': { type: 'string' }, 'lookup-secret': { type: 'string' },
  id: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, level: { type: 'string' },
  regencies: { type: 'string' }, categories: { type: 'string' },
  pin: { type: 'string' }, 'pin-stdin': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

export class CliError extends Error {}

export interface CliIo {
  out(line: string): void;
  /** Reads the PIN for --pin-stdin (so it stays out of the shell history). */
  readPin(): Promise<string>;
}

const list = (raw: string | undefined) => (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);

/**
 * The directory commands over any store: the entry point (lib/local/officials-cli.ts) only builds the
 * store for DynamoDB Local or AWS. PINs are hashed here, before anything reaches the table.
 */
export async function runOfficialsCommand(
  store: Pick<Directory, 'listOfficials' | 'putOfficial' | 'getOfficialByPhone'>,
  argv: string[],
  io: CliIo,
  pinParams: PinHashParams = DEFAULT_PIN_PARAMS,
  /**
   * The console's passkeys, removed by set-pin and disable. Without it (tests of the directory alone)
   * they stay in the table but sign nobody in: each is bound to the credentials it was added under.
   */
  passkeys?: Pick<PasskeyStore, 'removePasskeysOf'>,
): Promise<void> {
  const removePasskeys = async (officialId: string) => {
    const removed = passkeys ? await passkeys.removePasskeysOf(officialId) : 0;
    return removed ? `; ${removed} passkey(s) removed` : '';
  };
  const { values, positionals } = parseArgs({ args: argv, options: CLI_OPTIONS, allowPositionals: true, strict: true });
  const [command] = positionals;
  const pin = async () => {
    const value = values['pin-stdin'] ? (await io.readPin()).trim() : values.pin;
    if (!value || !isValidPin(value)) throw new CliError('A PIN of 4 to 8 digits is required (--pin or --pin-stdin)');
    return value;
  };
  const existing = async () => {
    if (!values.id) throw new CliError('--id is required');
    const official = await findOfficialById(store, values.id);
    if (!official) throw new CliError(`No official with id ${values.id}`);
    return official;
  };

  switch (command) {
    case 'add': {
      const parsed = OfficialInput.safeParse({
        id: values.id, name: values.name, phone: values.phone, level: values.level,
        regencies: list(values.regencies), ...(values.categories ? { categories: list(values.categories) } : {}),
        pin: await pin(),
      });
      if (!parsed.success) {
        throw new CliError(parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'input')}: ${i.message}`).join('\n'));
      }
      if (await findOfficialById(store, parsed.data.id)) throw new CliError(`Official ${parsed.data.id} exists already (use set-pin, disable or enable)`);
      const holder = await store.getOfficialByPhone(parsed.data.phone);
      if (holder) throw new CliError(`That phone number is already registered to ${holder.id}`);
      await store.putOfficial(officialFromInput(parsed.data, await hashPin(parsed.data.pin, pinParams)));
      io.out(`added ${parsed.data.id}`);
      return;
    }
    case 'list': {
      const officials = (await store.listOfficials()).sort((a, b) => a.level - b.level || a.id.localeCompare(b.id));
      for (const o of officials) io.out(JSON.stringify(describeOfficial(o)));
      return;
    }
    case 'disable':
    case 'enable': {
      const official = await existing();
      await store.putOfficial({ ...official, active: command === 'enable' });
      io.out(`${command}d ${official.id}${command === 'disable' ? await removePasskeys(official.id) : ''}`);
      return;
    }
    case 'set-pin': {
      // A new PIN opens both doors: the SMS lock and any console sign-in pause with its count go.
      const { consoleFailedPins: _count, consoleLockedUntil: _until, consoleLocks: _locks, ...official } = await existing();
      await store.putOfficial({ ...official, pinHash: await hashPin(await pin(), pinParams), failedPins: 0, locked: false });
      // After the new PIN is stored: from that moment the old passkeys sign nobody in (stamp), and now they go.
      io.out(`pin set for ${official.id} (unlocked)${await removePasskeys(official.id)}`);
      return;
    }
    default:
      throw new CliError(USAGE);
  }
}
