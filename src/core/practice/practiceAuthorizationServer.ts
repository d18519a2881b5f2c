/**
 * The practice server's decisions, without I/O: an authorization server and a sample Account Information API that
 * behave as Rabobank documents them (authorize page, codes, single-use refresh tokens, consents, gateway errors), plus
 * the trouble switches that make each case of the troubleshooting guide happen on demand. This module routes each
 * request to its endpoint module over one {@link PracticeState}; the Node layer (`src/node/practice/practiceServer.ts`)
 * only moves bytes.
 *
 * Facts: ../shared/reference/oauth-error-reference.md, Parts 1 and 4.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749
 */
import { accounts, consentDetails } from './practiceAccountsApi';
import { authorize, decide } from './practiceAuthorizeEndpoint';
import {
  clearTroubles,
  home,
  metadata,
  PracticeTroubleState,
  resetRequest,
  setTrouble,
  troubleRequest,
  troubleState,
} from './practiceControl';
import { safeDecode } from './practiceRequestParts';
import { json, methodNotAllowed, notFound, PracticeRequest, PracticeResponse } from './practiceResponses';
import { PRACTICE_PATHS, PracticeEndpoints } from './practiceSettings';
import { PracticeState, PracticeStateOptions } from './practiceState';
import { token } from './practiceTokenEndpoint';
import { introspect, revoke } from './practiceTokenLifecycle';

/** Options of {@link PracticeAuthorizationServer}. */
export type PracticeAuthorizationServerOptions = PracticeStateOptions;

/** The practice server's state machine; one instance per running server. */
export class PracticeAuthorizationServer {
  readonly endpoints: PracticeEndpoints;
  private readonly state: PracticeState;

  constructor(options: PracticeAuthorizationServerOptions) {
    this.state = new PracticeState(options);
    this.endpoints = this.state.endpoints;
  }

  /** Answers one request. Never throws for bad input: every problem becomes the answer Rabobank would give. */
  async handle(request: PracticeRequest): Promise<PracticeResponse> {
    const state = this.state;
    const { path, method } = request;
    switch (path) {
      case PRACTICE_PATHS.home:
        return method === 'GET' ? home(state) : methodNotAllowed('GET');
      case PRACTICE_PATHS.authorize:
        return method === 'GET' ? authorize(state, request.query) : methodNotAllowed('GET');
      case PRACTICE_PATHS.decision:
        return method === 'POST' ? decide(state, request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.token:
        return method === 'POST' ? token(state, request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.revoke:
        return method === 'POST' ? revoke(state, request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.introspect:
        return method === 'POST' ? introspect(state, request) : methodNotAllowed('POST');
      case PRACTICE_PATHS.accounts:
        return method === 'GET' ? accounts(state, request) : methodNotAllowed('GET');
      case PRACTICE_PATHS.metadata:
        return method === 'GET' ? metadata(state) : methodNotAllowed('GET');
      case PRACTICE_PATHS.trouble:
        return method === 'GET'
          ? json(200, troubleState(state))
          : method === 'POST'
            ? troubleRequest(state, request)
            : methodNotAllowed('POST');
      case PRACTICE_PATHS.reset:
        return method === 'POST' ? resetRequest(state, request) : methodNotAllowed('POST');
    }
    const consentPrefix = `${PRACTICE_PATHS.consents}/`;
    if (path.startsWith(consentPrefix) && path.length > consentPrefix.length) {
      const consentId = safeDecode(path.slice(consentPrefix.length));
      if (consentId === undefined) {
        return notFound();
      }
      return method === 'GET' ? consentDetails(state, request, consentId) : methodNotAllowed('GET');
    }
    return notFound();
  }

  /** See {@link setTrouble}; throws `UnknownPracticeTroubleError` for an unknown id. */
  setTrouble(id: string): void {
    setTrouble(this.state, id);
  }

  /** Disarms every pending `next-request` trouble (state changes already made stay). */
  clearTroubles(): void {
    clearTroubles(this.state);
  }

  /** Forgets every code, token and consent and disarms every trouble, as a fresh start. */
  reset(): void {
    this.state.reset();
  }

  /** The trouble switches and which `next-request` ones are armed: what `GET /practice/trouble` returns. */
  troubleState(): PracticeTroubleState {
    return troubleState(this.state);
  }
}
