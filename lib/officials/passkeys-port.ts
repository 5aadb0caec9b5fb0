/** An official's passkey (WebAuthn): a credential of the official's, like the PIN. */
export interface Passkey {
  credentialId: string;
  officialId: string;
  publicKey: string;
  counter: number;
  transports?: string[];
  createdAt: string;
  label: string;
  /** The official's credential stamp when the passkey was added: a PIN reset or a disable since makes it sign nobody in. */
  stamp?: string;
}

export interface PasskeyStore {
  putPasskey(passkey: Passkey): Promise<void>;
  getPasskey(credentialId: string): Promise<Passkey | undefined>;
  /** Every passkey of the official (at most MAX_PASSKEYS are ever added), oldest first. */
  passkeysOf(officialId: string): Promise<Passkey[]>;
  updateCounter(credentialId: string, counter: number): Promise<void>;
  /** Removes the passkey if it is that official's; false when there is no such passkey of theirs. */
  deletePasskey(credentialId: string, officialId: string): Promise<boolean>;
  /** Removes all of the official's passkeys (PIN reset, disable); how many there were. */
  removePasskeysOf(officialId: string): Promise<number>;
}
