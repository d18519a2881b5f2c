/**
 * Token lifecycle per profile on top of the storage ports: a valid access token on demand, refresh with single-use
 * rotation (one refresh in flight per profile), client credentials, revocation, introspection, sign-out.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 * @see https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2
 */
import { localText } from '../text/localText';
import { HttpClientFactory } from './httpClient';
import {
  isOAuthWorkbenchError,
  OAuthResponseError,
  ProfileStateError,
  retoldOAuthError,
} from './oauthErrors';
import { OAuthLogger, RedactingLogger } from './oauthLogger';
import {
  clientCredentialsGrant,
  EndpointCall,
  introspectToken,
  IntrospectionResult,
  refreshTokenGrant,
  revokeToken,
} from './tokenEndpoint';
import { ClientProfile } from '../profiles/clientProfile';
import { presetOf } from '../profiles/profilePresets';
import { SecretStore } from '../profiles/secretStore';
import { Clock, systemClock } from '../tokens/clock';
import { mayHaveReachedServer, refreshOutcomeUnknown } from './refreshOutcome';
import { isAccessTokenExpired, isRefreshTokenExpired, TokenSet } from '../tokens/tokenSet';
import { TokenVault } from '../tokens/tokenVault';

/** The ports a {@link TokenManager} works through. */
export interface TokenManagerOptions {
  readonly vault: TokenVault;
  readonly secretStore: SecretStore;
  readonly httpClientFor: HttpClientFactory;
  readonly clock?: Clock;
  readonly logger?: OAuthLogger;
}

/** Which stored token an operation is about. */
export type TokenKind = 'access_token' | 'refresh_token';

/** Default margin: a token with less than a minute left is refreshed before use. */
export const DEFAULT_MIN_VALIDITY_MS = 60_000;

/** Owns the stored token sets of all profiles; the one place that refreshes, so refreshes never race. */
export class TokenManager {
  private readonly inFlight = new Map<string, Promise<TokenSet>>();
  private readonly clock: Clock;

  constructor(private readonly options: TokenManagerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** The stored token set of a profile, if any (no network). */
  getTokenSet(profile: Pick<ClientProfile, 'id'>): Promise<TokenSet | undefined> {
    return this.options.vault.load(profile.id);
  }

  /**
   * An access token valid for at least `minValidityMs`, refreshing first when needed (sharing a refresh already in
   * flight). Rejects with `NOT_SIGNED_IN`, `NO_REFRESH_TOKEN`, `REFRESH_TOKEN_EXPIRED` or the refresh's error.
   */
  async getValidAccessToken(
    profile: ClientProfile,
    minValidityMs = DEFAULT_MIN_VALIDITY_MS,
  ): Promise<string> {
    const current = await this.requireTokenSet(profile);
    if (!isAccessTokenExpired(current, this.clock.now(), minValidityMs)) {
      return current.access_token;
    }
    // A refresh may have finished between the read above and now: the flight looks again before spending the token.
    return (await this.flight(profile, () => this.doRefresh(profile, minValidityMs))).access_token;
  }

  /** True while a refresh of the profile is in flight (its stored set then carries `refresh_attempted_at`). */
  isRefreshing(profileId: string): boolean {
    return this.inFlight.has(profileId);
  }

  /**
   * Refreshes the profile's tokens. At most one refresh per profile is in flight: concurrent callers get the same
   * promise, so a single-use refresh token is spent once. The new token set is saved to the vault before anyone gets
   * it; if saving fails, the error propagates (the rotated refresh token is then lost and the user must sign in again,
   * which is safer than handing out tokens that are not stored).
   *
   * When the response carries no new refresh token: for providers with single-use refresh tokens (Rabobank) the old
   * one is spent, so the saved set has none and the next expiry needs a new sign-in; for other providers the old
   * refresh token (and its expiry) is kept, as RFC 6749 §6 allows the server to keep it valid.
   *
   * Before the request goes out the stored set is marked (`refresh_attempted_at`); the new set replaces it. When the
   * request may have reached the server but no usable answer came back (timeout, reset, 5xx, garbled 200), the old
   * refresh token stays stored with the mark and the refresh fails with `REFRESH_OUTCOME_UNKNOWN`; when the server
   * answered with an OAuth error, or the request never left, the set is stored again as it was.
   */
  refresh(profile: ClientProfile): Promise<TokenSet> {
    return this.flight(profile, () => this.doRefresh(profile));
  }

  /** Gets a token with the client-credentials grant and stores it as the profile's token set. @see https://www.rfc-editor.org/rfc/rfc6749#section-4.4 */
  async clientCredentials(profile: ClientProfile, scope = profile.scopes.join(' ')): Promise<TokenSet> {
    const tokenSet = await clientCredentialsGrant(await this.call(profile), {
      token_endpoint: profile.token_endpoint,
      scope: scope || undefined,
    });
    await this.options.vault.save(profile.id, tokenSet);
    return tokenSet;
  }

  /**
   * Revokes the stored refresh token (which at most servers also ends its access tokens), the access token, or both,
   * then forgets what was revoked: `all` deletes the token set, `refresh_token` drops the refresh token, `access_token`
   * marks the access token expired so the next use refreshes it. With `all`, a server that cannot revoke one kind
   * (`unsupported_token_type`, RFC 7009 §2.2.1) does not stop the other from being revoked.
   * @see https://www.rfc-editor.org/rfc/rfc7009
   */
  async revoke(profile: ClientProfile, which: TokenKind | 'all' = 'all'): Promise<void> {
    const endpoint = this.requireEndpoint(profile.revocation_endpoint, 'revocation');
    const current = await this.requireTokenSet(profile);
    const call = await this.call(profile);
    const kinds: TokenKind[] = which === 'all' ? ['refresh_token', 'access_token'] : [which];
    let revoked = 0;
    let unsupported: unknown;
    for (const kind of kinds) {
      const token = current[kind];
      if (!token) {
        continue;
      }
      try {
        await revokeToken(call, { revocation_endpoint: endpoint, token, token_type_hint: kind });
        revoked++;
      } catch (err) {
        if (which !== 'all' || !isOAuthWorkbenchError(err) || err.error !== 'unsupported_token_type') {
          throw err;
        }
        unsupported = err;
      }
    }
    if (unsupported !== undefined && revoked === 0) {
      throw unsupported;
    }
    if (which === 'all') {
      await this.options.vault.delete(profile.id);
    } else if (which === 'refresh_token') {
      const {
        refresh_token: _spent,
        refresh_token_expires_at: _expiry,
        refresh_attempted_at: _attempt,
        ...rest
      } = current;
      await this.options.vault.save(profile.id, rest);
    } else {
      await this.options.vault.save(profile.id, {
        ...current,
        expires_at: new Date(this.clock.now()).toISOString(),
      });
    }
  }

  /** Asks the introspection endpoint about a stored token. @see https://www.rfc-editor.org/rfc/rfc7662 */
  async introspect(profile: ClientProfile, which: TokenKind = 'access_token'): Promise<IntrospectionResult> {
    const endpoint = this.requireEndpoint(profile.introspection_endpoint, 'introspection');
    const token = (await this.requireTokenSet(profile))[which];
    if (!token) {
      throw new ProfileStateError(
        'NO_REFRESH_TOKEN',
        localText('"{0}" has no refresh token to introspect.', profile.label),
      );
    }
    return introspectToken(await this.call(profile), {
      introspection_endpoint: endpoint,
      token,
      token_type_hint: which,
    });
  }

  /**
   * Forgets the profile's tokens. With `revoke: true` and a revocation endpoint it first revokes them; a failing
   * revocation is logged and does not keep the tokens stored. The client secret stays (it belongs to the profile).
   */
  async signOut(profile: ClientProfile, options: { readonly revoke?: boolean } = {}): Promise<void> {
    if (options.revoke && profile.revocation_endpoint && (await this.options.vault.load(profile.id))) {
      try {
        await this.revoke(profile, 'all');
      } catch (err) {
        this.logger().warn(
          `Sign-out of "${profile.label}": revocation failed (${err instanceof Error ? err.message : String(err)}); the tokens are forgotten anyway.`,
        );
      }
    }
    await this.options.vault.delete(profile.id);
  }

  private flight(profile: ClientProfile, work: () => Promise<TokenSet>): Promise<TokenSet> {
    const running = this.inFlight.get(profile.id);
    if (running) {
      return running;
    }
    const flight = work().finally(() => this.inFlight.delete(profile.id));
    this.inFlight.set(profile.id, flight);
    return flight;
  }

  /** One refresh; with `unlessValidForMs`, returns the stored set instead when it is (now) valid that long. */
  private async doRefresh(profile: ClientProfile, unlessValidForMs?: number): Promise<TokenSet> {
    const current = await this.requireTokenSet(profile);
    if (
      unlessValidForMs !== undefined &&
      !isAccessTokenExpired(current, this.clock.now(), unlessValidForMs)
    ) {
      return current;
    }
    if (!current.refresh_token) {
      throw new ProfileStateError(
        'NO_REFRESH_TOKEN',
        localText('The access token of "{0}" cannot be refreshed: there is no refresh token.', profile.label),
        { fix: localText('Sign in again.') },
      );
    }
    if (isRefreshTokenExpired(current, this.clock.now())) {
      throw new ProfileStateError(
        'REFRESH_TOKEN_EXPIRED',
        localText('The refresh token of "{0}" has expired.', profile.label),
        {
          fix: localText('Sign in again (for Rabobank, run Check Consent too: the consent may have ended).'),
        },
      );
    }
    this.logger().info(`Refreshing the tokens of "${profile.label}".`);
    const call = await this.call(profile);
    // Saved before the request goes out, so a lost answer or a killed process leaves a trace the next start can see.
    await this.options.vault.save(profile.id, {
      ...current,
      refresh_attempted_at: new Date(this.clock.now()).toISOString(),
    });
    let fresh: TokenSet;
    try {
      fresh = await refreshTokenGrant(call, {
        token_endpoint: profile.token_endpoint,
        refresh_token: current.refresh_token,
      });
    } catch (err) {
      if (mayHaveReachedServer(err)) {
        this.logger().warn(
          `The refresh of "${profile.label}" got no usable answer; its refresh token is kept and marked as possibly spent.`,
        );
        throw refreshOutcomeUnknown(err, localText('The refresh of "{0}"', profile.label), true);
      }
      await this.options.vault.save(profile.id, current);
      throw withEarlierAttempt(err, current);
    }
    const next = withUnchangedGrant(
      fresh.refresh_token ? fresh : withoutNewRefreshToken(fresh, current, profile),
      current,
    );
    await this.options.vault.save(profile.id, next);
    return next;
  }

  private async requireTokenSet(profile: Pick<ClientProfile, 'id' | 'label'>): Promise<TokenSet> {
    const current = await this.options.vault.load(profile.id);
    if (!current) {
      throw new ProfileStateError('NOT_SIGNED_IN', localText('"{0}" is not signed in.', profile.label), {
        fix: localText('Sign in first.'),
      });
    }
    return current;
  }

  private requireEndpoint(endpoint: string | undefined, kind: 'revocation' | 'introspection'): string {
    if (!endpoint) {
      const revocation = kind === 'revocation';
      const message = revocation
        ? localText('The profile has no revocation endpoint.')
        : localText('The profile has no introspection endpoint.');
      throw new ProfileStateError('ENDPOINT_MISSING', message, {
        fix: revocation
          ? localText(
              'Add the revocation endpoint to the profile (OpenID discovery fills it when the server has one).',
            )
          : localText(
              'Add the introspection endpoint to the profile (OpenID discovery fills it when the server has one).',
            ),
      });
    }
    return endpoint;
  }

  private async call(profile: ClientProfile): Promise<EndpointCall> {
    const clientSecret =
      profile.token_endpoint_auth_method === 'none'
        ? undefined
        : await this.options.secretStore.getClientSecret(profile.id);
    return {
      http: this.options.httpClientFor(profile),
      client: profile,
      clientSecret,
      now: () => this.clock.now(),
    };
  }

  private logger(): OAuthLogger {
    return new RedactingLogger(this.options.logger);
  }
}

/**
 * A refresh answer may leave out what the grant did not change: the scope (RFC 6749 §5.1 says it then equals the
 * original one) and Rabobank's consent id, whose `metadata` comes with the code grant only. Keep both from the
 * previous set so the tree, the consent check and the scope lints still see them after a refresh.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1
 */
function withUnchangedGrant(fresh: TokenSet, previous: TokenSet): TokenSet {
  return {
    ...fresh,
    ...(fresh.scope === undefined && previous.scope !== undefined ? { scope: previous.scope } : {}),
    ...(fresh.consent_id === undefined && previous.consent_id !== undefined
      ? { consent_id: previous.consent_id }
      : {}),
  };
}

function withoutNewRefreshToken(fresh: TokenSet, previous: TokenSet, profile: ClientProfile): TokenSet {
  if (presetOf(profile.preset).facts.singleUseRefreshTokens) {
    return fresh;
  }
  return {
    ...fresh,
    refresh_token: previous.refresh_token,
    ...(previous.refresh_token_expires_at
      ? { refresh_token_expires_at: previous.refresh_token_expires_at }
      : {}),
  };
}

/** An invalid_grant after an earlier refresh that got no answer: that refresh most likely spent the token. */
function withEarlierAttempt(err: unknown, stored: TokenSet): unknown {
  if (
    !(err instanceof OAuthResponseError) ||
    err.error !== 'invalid_grant' ||
    stored.refresh_attempted_at === undefined
  ) {
    return err;
  }
  return retoldOAuthError(
    err,
    localText(
      '{0} An earlier refresh ({1}) got no answer, so it most likely used up this refresh token.',
      err.text,
      stored.refresh_attempted_at,
    ),
    localText('Sign in again to get new tokens.'),
  );
}
