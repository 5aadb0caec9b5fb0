/** Where data keys come from: KMS in AWS (kms-data-keys.ts), a fixed key locally. */
export interface DataKey {
  plaintext: Buffer;
  ref: string;
}

export interface DataKeySource {
  current(): Promise<DataKey>;
  /** `legacy`: a v1 value's key, made before data keys carried an encryption context. */
  resolve(ref: string, options?: { legacy?: boolean }): Promise<Buffer>;
}

/** Local development key: fixed, so an on-disk local database stays readable across restarts. */
export class StaticDataKeySource implements DataKeySource {
  private readonly key: Buffer;
  constructor(hex: string) {
    this.key = Buffer.from(hex, 'hex');
    if (this.key.length !== 32) throw new Error('Local data key must be 32 bytes');
  }
  async current(): Promise<DataKey> {
    return { plaintext: this.key, ref: 'local' };
  }
  async resolve(ref: string): Promise<Buffer> {
    if (ref !== 'local') throw new Error('Unknown data key');
    return this.key;
  }
}
