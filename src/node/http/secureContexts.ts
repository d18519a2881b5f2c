/**
 * TLS secure contexts, built once per distinct CA list, certificate and key. Node builds one for every connection
 * that passes `ca` itself, and a CA list that holds Node's roots and the system store (about 300 certificates) takes
 * tens of milliseconds to load; Send Request makes a new client, and so a new connection, for every send.
 */
import { localText } from '../../core/text/localText';
import { createHash } from 'node:crypto';
import * as tls from 'node:tls';
import { HttpRequestError } from '../../core/oauth/oauthErrors';

/** What a context is built from: PEM text or bytes, as read from the profile's files and the system store. */
export interface TlsMaterial {
  readonly ca?: readonly string[];
  readonly cert?: Buffer;
  readonly key?: Buffer;
}

const MAX_CONTEXTS = 16;
const contexts = new Map<string, tls.SecureContext>();

/** The context for `material`, from the cache when the same content was seen before (keyed by its hash, not paths). */
export function secureContextFor(material: TlsMaterial): tls.SecureContext {
  const hash = createHash('sha256');
  for (const part of [...(material.ca ?? []), '\0cert', material.cert ?? '', '\0key', material.key ?? '']) {
    hash.update(part);
    hash.update('\0');
  }
  const key = hash.digest('base64');
  let context = contexts.get(key);
  if (!context) {
    try {
      context = tls.createSecureContext({
        ...(material.ca ? { ca: [...material.ca] } : {}),
        ...(material.cert ? { cert: material.cert } : {}),
        ...(material.key ? { key: material.key } : {}),
      });
    } catch (err) {
      throw new HttpRequestError(
        'HTTP_TLS',
        localText(
          'The profile’s client certificate, key or CA bundle is not a usable PEM file, or the key does not belong to the certificate.',
        ),
        {
          cause: err,
          fix: localText(
            'Edit the profile so its certificate and key are the matching PEM pair and the CA bundle holds PEM certificates.',
          ),
        },
      );
    }
    if (contexts.size >= MAX_CONTEXTS) {
      contexts.delete(contexts.keys().next().value as string);
    }
    contexts.set(key, context);
  }
  return context;
}
