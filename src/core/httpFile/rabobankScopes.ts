/** Scopes a Rabobank API path needs (any one of them suffices); empty when the path is not known. */
export function rabobankRequiredScopes(path: string): string[] {
  if (path.includes('/ais/') || path.includes('/account-information')) {
    if (path.includes('/balances')) {
      return ['ais.balances.read'];
    }
    if (path.includes('/transactions')) {
      return ['ais.transactions.read-90days', 'ais.transactions.read-history'];
    }
    return ['ais.balances.read', 'ais.transactions.read-90days', 'ais.transactions.read-history'];
  }
  if (path.includes('payment-request') || path.includes('paymentrequest')) {
    return ['prs.paymentrequest.read-write'];
  }
  if (path.includes('funds-confirmation') || path.includes('fundsconfirmation')) {
    return ['caf.fundsconfirmation.read'];
  }
  if (path.includes('bulk-payments')) {
    return ['pi.bulk.read-write'];
  }
  if (/\/oauth2(-premium)?\/(v\d+\/)?consents/.test(path)) {
    return ['oauth2.consents.read'];
  }
  return [];
}
