import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from '../zod.js';
import { ConfigurationError, MIN_CALLBACK_KEY_LENGTH, type Config } from '../config.js';
import { AfricasTalkingSender, AT_PLACEHOLDER_API_KEY, type AtCredentials } from '../adapters/sms/africastalking.js';
import type { SendResult, SmsSender } from '../use-cases/outbox-port.js';
import { logger } from '../logger.js';

const GatewaySecret = z.object({ username: z.string(), apiKey: z.string(), callbackKey: z.string() });
type GatewaySecret = z.infer<typeof GatewaySecret>;

/**
 * The Africa's Talking secret (username, apiKey, callbackKey), read through the Powertools cache:
 * at most one Secrets Manager call per `secretsMaxAgeSeconds` per function instance, so credentials
 * an operator fills in after the deploy apply within minutes, without a redeploy.
 */
export class GatewaySecretReader {
  private warnedPlaceholder = false;

  constructor(private readonly arn: string, private readonly maxAge: number) {}

  async read(): Promise<GatewaySecret> {
    const parsed = GatewaySecret.safeParse(await getSecret(this.arn, { maxAge: this.maxAge, transform: 'json' }));
    // A broken secret yields no key rather than an error: every callback is refused (403) until fixed.
    if (!parsed.success) return { username: '', apiKey: AT_PLACEHOLDER_API_KEY, callbackKey: '' };
    if (parsed.data.apiKey === AT_PLACEHOLDER_API_KEY && !this.warnedPlaceholder) {
      this.warnedPlaceholder = true;
      // Reporter SMS stay pending (AT answers 401) until the secret is filled in.
      logger.error("Africa's Talking credentials are not set in the gateway secret");
    }
    return parsed.data;
  }

  /**
   * Read at cold start: a missing or short callback key fails the start, naming the cause, since
   * every callback would be refused anyway.
   */
  async requireUsable(): Promise<void> {
    if ((await this.read()).callbackKey.length < MIN_CALLBACK_KEY_LENGTH) throw new Error('The gateway secret has no usable callbackKey');
  }

  callbackKey = async (): Promise<string> => (await this.read()).callbackKey;
}

export async function gatewaySecret(cfg: Pick<Config, 'gatewaySecretArn' | 'secretsMaxAgeSeconds'>): Promise<GatewaySecretReader> {
  if (!cfg.gatewaySecretArn) throw new ConfigurationError('Invalid configuration: GATEWAY_SECRET_ARN required by the callback key and reporter SMS (the "callbackKey" and "reporterSms" grants)');
  const reader = new GatewaySecretReader(cfg.gatewaySecretArn, cfg.secretsMaxAgeSeconds);
  await reader.requireUsable();
  return reader;
}

/**
 * Reporter SMS through Africa's Talking with the credentials of the moment: a new sender (and SDK
 * client) only when the secret's username or apiKey changed.
 */
export class CurrentCredentialsAtSender implements SmsSender {
  private current?: { key: string; sender: AfricasTalkingSender };

  constructor(private readonly secret: GatewaySecretReader, private readonly senderId?: string) {}

  async send(message: { id: string; to: string; text: string }): Promise<SendResult> {
    const { username, apiKey } = await this.secret.read();
    const key = `${username}\n${apiKey}`;
    if (this.current?.key !== key) {
      const credentials: AtCredentials = { username, apiKey, ...(this.senderId ? { senderId: this.senderId } : {}) };
      this.current = { key, sender: new AfricasTalkingSender(credentials) };
    }
    return this.current.sender.send(message);
  }
}
