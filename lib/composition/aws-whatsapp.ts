import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import * as z from '../zod.js';
import type { Config } from '../config.js';
import { GraphWhatsAppSender } from '../adapters/whatsapp/graph.js';
import type { WhatsAppSecrets } from '../whatsapp/http.js';

const WhatsAppSecret = z.object({
  appSecret: z.string(), verifyToken: z.string(), accessToken: z.string(), phoneNumberId: z.string(),
});
type WhatsAppSecret = z.infer<typeof WhatsAppSecret>;
const UNUSABLE: WhatsAppSecret = { appSecret: '', verifyToken: '', accessToken: '', phoneNumberId: '' };

/**
 * The WhatsApp secret (app secret, verify token, access token, phone-number id), read through the
 * Powertools cache like the gateway secret, so values filled in after the deploy apply within
 * minutes. A missing or broken secret reads as empty values: every webhook is refused (an empty app
 * secret verifies nothing) and every WhatsApp send fails for good, so officials get SMS.
 */
export class WhatsAppSecretReader {
  constructor(private readonly arn: string, private readonly maxAge: number) {}

  async read(): Promise<WhatsAppSecret> {
    const parsed = WhatsAppSecret.safeParse(await getSecret(this.arn, { maxAge: this.maxAge, transform: 'json' }).catch(() => undefined));
    return parsed.success ? parsed.data : UNUSABLE;
  }

  webhook = async (): Promise<WhatsAppSecrets> => {
    const { appSecret, verifyToken } = await this.read();
    return { appSecret, verifyToken };
  };
}

/** The webhook's secrets, read through the cache at each request (a new app secret applies within minutes). */
export function whatsappWebhookSecrets(cfg: Pick<Config, 'whatsappSecretArn' | 'secretsMaxAgeSeconds'>): () => Promise<WhatsAppSecrets> {
  const reader = whatsappSecret(cfg);
  if (!reader) throw new Error('WHATSAPP_SECRET_ARN is required by the whatsapp function');
  return reader.webhook;
}

export function whatsappSecret(cfg: Pick<Config, 'whatsappSecretArn' | 'secretsMaxAgeSeconds'>): WhatsAppSecretReader | undefined {
  return cfg.whatsappSecretArn ? new WhatsAppSecretReader(cfg.whatsappSecretArn, cfg.secretsMaxAgeSeconds) : undefined;
}

/** The Graph API sender with the secret's current token; undefined (everything by SMS) without the secret. */
export function whatsappSender(cfg: Pick<Config, 'whatsappSecretArn' | 'secretsMaxAgeSeconds'>): GraphWhatsAppSender | undefined {
  const reader = whatsappSecret(cfg);
  return reader ? new GraphWhatsAppSender(async () => reader.read()) : undefined;
}
