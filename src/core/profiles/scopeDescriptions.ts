/**
 * What the scopes a preset suggests let a client do, in a few words each, for the Add Profile scope step. Scopes
 * not listed here are still accepted (typed by the user); they just come without a description.
 */
const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'ais.balances.read': 'Account information: read the balances of the accounts the user consents to.',
  'ais.transactions.read-90days':
    'Account information: read the last 90 days of transactions, as often as needed while the consent lasts.',
  'ais.transactions.read-history':
    'Account information: read the whole transaction history, once, shortly after the user consents.',
  'caf.fundsconfirmation.read': 'Confirmation of funds: ask whether an account can cover an amount.',
  'pi.bulk.read-write': 'Payment initiation: start bulk payments and read their status.',
  'bai.accountinformation.read': 'Business account information (Premium): balances and transactions.',
  'bbpi.bulk.read-write': 'Business bulk payments (Premium): start them and read their status.',
  'bspi.single.read-write': 'Business single payments (Premium): start them and read their status.',
  'bdd.payments.write': 'Business direct debits (Premium): submit collections.',
  'prs.paymentrequest.read-write': 'Payment requests: create payment requests and read what became of them.',
  'oauth2.consents.read': 'Read the consent itself (status per account); the bank adds it to every consent.',
  openid: 'OpenID Connect: return an ID token that says who signed in.',
  profile: 'OpenID Connect: the user’s name and other basic profile claims.',
  email: 'OpenID Connect: the user’s email address.',
  offline_access: 'Ask for a refresh token, so the client can keep working after the access token expires.',
};

/** A short description of a known scope, or `undefined`. */
export function describeScope(scope: string): string | undefined {
  return Object.hasOwn(DESCRIPTIONS, scope) ? DESCRIPTIONS[scope] : undefined;
}

/**
 * Whether `scope` may be sent as one scope token (RFC 6749 §3.3: printable ASCII except space, `"` and `\`).
 * Typed scopes are checked with this before they are added.
 */
export function isScopeToken(scope: string): boolean {
  return /^[\x21\x23-\x5b\x5d-\x7e]+$/.test(scope);
}
