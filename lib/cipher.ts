/**
 * Where a sealed value lives: its item's key and its field. The ciphertext is bound to it (AES-GCM
 * additional data), so a value copied to another item or field does not decrypt.
 */
export interface SealedPlace {
  pk: string;
  sk: string;
  field: string;
  /**
   * Whose key seals it (crypto-shredding, subject-keys.ts): `case:<id>`. Items of a case partition
   * get their case's key without saying so; an item elsewhere that holds a case's personal data
   * (an outbox message) names the case here.
   */
  subject?: string;
}

/** Field encryption at rest and keyed hashing for lookups (envelope encryption with KMS in AWS). */
export interface Cipher {
  encrypt(plain: string, place: SealedPlace): Promise<string>;
  /** Throws when the value was sealed for another place, or tampered with. */
  decrypt(sealed: string, place: SealedPlace): Promise<string>;
  /** Deterministic keyed hash (HMAC): lets us find a case by phone or NIK without storing them in clear. */
  lookupHash(value: string): string;
  /** Destroys a subject's key (`case:<id>`): every value sealed under it, in any copy, stops decrypting. */
  shred(subject: string, at: Date): Promise<void>;
}
