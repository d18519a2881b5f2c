/**
 * Generic OpenID Connect / RFC 8414 discovery: fetches `/.well-known/openid-configuration` (then
 * `/.well-known/oauth-authorization-server`) and returns the endpoints a profile needs. The issuer in the document
 * must be the one asked for, or a look-alike server could hand out its own endpoints.
 *
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfigurationValidation
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.3
 */
import { asLocalText, type LocalText, localText } from '../text/localText';
import { localTextRecorder } from '../text/localTextRecorder';
import { DiscoveredFields, discoveryUrlsFor, fieldsFromDiscovery } from '../profiles/discoveryDocument';
import { parseJsonObject } from './endpointResponse';
import { HttpClient } from './httpClient';
import { isOAuthWorkbenchError, ProfileStateError } from './oauthErrors';

/** What discovery found: the profile fields, whether callbacks carry `iss` (RFC 9207), and where it was read. */
export interface DiscoveryResult {
  readonly fields: DiscoveredFields;
  readonly authorization_response_iss_parameter_supported: boolean;
  readonly documentUrl: string;
}

/** Discovers an authorization server from an issuer URL (or a `.well-known` URL); throws `DISCOVERY_FAILED`. */
export async function discoverAuthorizationServer(
  input: string,
  http: HttpClient,
  signal?: AbortSignal,
): Promise<DiscoveryResult> {
  let urls: string[];
  try {
    urls = discoveryUrlsFor(input);
  } catch (err) {
    throw new ProfileStateError('DISCOVERY_FAILED', localText('The issuer is not a URL.'), { cause: err });
  }
  const expectedIssuer = input.includes('/.well-known/') ? undefined : input.trim().replace(/\/+$/, '');
  const failures: LocalText[] = [];
  for (const url of urls) {
    try {
      const response = await http.send({
        method: 'GET',
        url,
        headers: { accept: 'application/json' },
        signal,
      });
      const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
      if (!json) {
        failures.push(localText('{0} answered HTTP {1} without a JSON document', url, response.status));
        continue;
      }
      const recorder = localTextRecorder();
      const fields = fieldsFromDiscovery(json, recorder.translate);
      if (typeof fields === 'string') {
        throw new ProfileStateError('DISCOVERY_FAILED', localText('{0}: {1}', url, recorder.textOf(fields)));
      }
      if (expectedIssuer !== undefined && fields.issuer?.replace(/\/+$/, '') !== expectedIssuer) {
        throw new ProfileStateError(
          'DISCOVERY_FAILED',
          localText(
            'The discovery document at {0} names the issuer {1}, not {2}.',
            url,
            fields.issuer ?? '',
            expectedIssuer,
          ),
          { fix: localText('Enter the issuer exactly as the provider documents it.') },
        );
      }
      return {
        fields,
        authorization_response_iss_parameter_supported:
          json.authorization_response_iss_parameter_supported === true,
        documentUrl: url,
      };
    } catch (err) {
      if (isOAuthWorkbenchError(err, 'DISCOVERY_FAILED') || isOAuthWorkbenchError(err, 'FLOW_CANCELLED')) {
        throw err;
      }
      failures.push(
        localText(
          '{0}: {1}',
          url,
          isOAuthWorkbenchError(err) ? err.text : err instanceof Error ? err.message : String(err),
        ),
      );
    }
  }
  throw new ProfileStateError(
    'DISCOVERY_FAILED',
    localText('No discovery document was found ({0}).', joined(failures)),
    {
      fix: localText(
        'Enter the issuer URL again, or the endpoints by hand with the Generic OAuth 2.0 preset.',
      ),
    },
  );
}

/** The failures one after another, each in the user's language. */
function joined(failures: readonly LocalText[]): LocalText {
  return failures.length === 0
    ? asLocalText('')
    : failures.reduce((all, next) => localText('{0}; {1}', all, next));
}
