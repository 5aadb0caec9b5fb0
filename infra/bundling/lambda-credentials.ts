/**
 * Stands in for `@aws-sdk/credential-provider-node` in the function bundles (BUNDLING's alias).
 * Lambda hands every function its role's credentials in the environment (AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), so of the default chain (environment, SSO, ini files,
 * web identity, container and instance metadata) only the first can ever answer in a function.
 * Leaving the rest out takes the STS and SSO clients it carries (about 70 KB) out of every bundle,
 * which a cold start would otherwise parse. Same exports as the package.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

type Init = Parameters<typeof fromEnv>[0];
type Expiring = { expiration?: Date } | undefined;

export const defaultProvider = (init: Init = {}) => fromEnv(init);
export const credentialsWillNeedRefresh = (credentials: Expiring) => credentials?.expiration !== undefined;
export const credentialsTreatedAsExpired = (credentials: Expiring) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300_000;
