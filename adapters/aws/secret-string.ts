import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export class SecretUnusableError extends Error {
  override readonly name = 'SecretUnusableError';
}

/**
 * A secret's string value (Secrets Manager, KMS-encrypted at rest). Keys shorter than
 * `minLength` are refused with a clear error instead of weakening the hash.
 */
export const readSecretString = async (
  client: SecretsManagerClient,
  secretId: string,
  minLength = 16,
): Promise<string> => {
  const out = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
  const value = out.SecretString ?? '';
  if (value.length < minLength)
    throw new SecretUnusableError(
      `secret ${secretId} holds ${value.length} characters; at least ${minLength} are needed`,
    );
  return value;
};
