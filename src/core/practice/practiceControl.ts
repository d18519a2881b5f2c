/**
 * The practice server's own side: the home page, RFC 8414 metadata, the trouble switches (set, clear, list) and the
 * reset, over HTTP and for callers in the same process.
 */
import { parseJsonObject } from '../oauth/endpointResponse';
import { localText, renderText } from '../text/localText';
import { isFormRequest, parseForm, sameOrigin } from './practiceRequestParts';
import { json, PracticeRequest, PracticeResponse } from './practiceResponses';
import { isAccountInformationScope, PRACTICE_PATHS, PRACTICE_SCOPES } from './practiceSettings';
import { PracticeState } from './practiceState';
import { PRACTICE_TROUBLES, practiceTroubleOf } from './practiceTroubles';

/** Thrown for a trouble id the server does not know; the HTTP endpoint answers 400 with the known ids. */
export class UnknownPracticeTroubleError extends Error {
  public readonly code = 'PRACTICE_UNKNOWN_TROUBLE';
  constructor(public readonly troubleId: string) {
    super(
      `There is no trouble switch "${troubleId}". Known: ${PRACTICE_TROUBLES.map((t) => t.id).join(', ')}.`,
    );
    this.name = 'UnknownPracticeTroubleError';
  }
}

/** What `GET /practice/trouble` returns: every switch (labels in English), and which `next-request` ones are armed. */
export interface PracticeTroubleState {
  troubles: {
    id: string;
    kind: string;
    label: string;
    description: string;
    catalogId?: string;
    armed: boolean;
  }[];
}

/**
 * Turns a trouble switch on: a `next-request` one is armed until the next matching request, a `state` one changes
 * tokens or consents at once. Throws {@link UnknownPracticeTroubleError} for an unknown id.
 */
export function setTrouble(state: PracticeState, id: string): void {
  const trouble = practiceTroubleOf(id);
  if (!trouble) {
    throw new UnknownPracticeTroubleError(id);
  }
  const now = state.now();
  switch (trouble.id) {
    case 'spend-refresh-token':
      for (const token of state.refreshTokens.values()) {
        token.usedAtMs ??= now;
      }
      break;
    case 'expire-access-token':
      for (const token of state.accessTokens.values()) {
        token.expiresAtMs = Math.min(token.expiresAtMs, now);
      }
      break;
    case 'expire-consent':
      state.forceConsentStatus('expired');
      break;
    case 'revoke-consent':
      state.forceConsentStatus('revokedByPsu');
      break;
    case 'drop-scope':
      for (const token of state.accessTokens.values()) {
        token.scopes = token.scopes.filter((scope) => !isAccountInformationScope(scope));
      }
      break;
    default:
      state.armed.add(trouble.id);
  }
  state.record(localText('Trouble switched on: {0}.', trouble.label));
}

/** Disarms every pending `next-request` trouble (state changes already made stay). */
export function clearTroubles(state: PracticeState): void {
  state.armed.clear();
  state.record(localText('Pending troubles cleared.'));
}

export function troubleState(state: PracticeState): PracticeTroubleState {
  return {
    troubles: PRACTICE_TROUBLES.map((trouble) => ({
      ...trouble,
      label: renderText(trouble.label),
      description: renderText(trouble.description),
      armed: state.armed.has(trouble.id),
    })),
  };
}

/** `GET /`: the home page with endpoints, switches, counts and recent activity. */
export function home(state: PracticeState): PracticeResponse {
  return {
    kind: 'page',
    status: 200,
    page: {
      name: 'home',
      endpoints: state.endpoints,
      troubles: PRACTICE_TROUBLES.map((trouble) => ({ trouble, armed: state.armed.has(trouble.id) })),
      summary: state.summary(),
      events: state.recentEvents(),
    },
  };
}

/** RFC 8414 metadata, so generic OAuth clients can discover the practice server. */
export function metadata(state: PracticeState): PracticeResponse {
  const e = state.endpoints;
  return json(200, {
    issuer: e.issuer,
    authorization_endpoint: e.authorization_endpoint,
    token_endpoint: e.token_endpoint,
    revocation_endpoint: e.revocation_endpoint,
    introspection_endpoint: e.introspection_endpoint,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_methods_supported: ['client_secret_basic'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: Object.keys(PRACTICE_SCOPES),
  });
}

/** `POST /practice/trouble`: from the home page's form or as JSON `{"trouble": id}` / `{"clear": true}`. */
export function troubleRequest(state: PracticeState, request: PracticeRequest): PracticeResponse {
  if (!sameOrigin(state, request)) {
    return forbiddenPage();
  }
  const fromForm = isFormRequest(request);
  let id: string | undefined;
  let clear: boolean;
  if (fromForm) {
    const form = parseForm(request);
    id = form?.get('trouble');
    clear = form?.get('clear') !== undefined;
  } else {
    const body = parseJsonObject(request.body);
    id = typeof body?.trouble === 'string' ? body.trouble : undefined;
    clear = body?.clear === true;
  }
  if (clear) {
    clearTroubles(state);
  } else {
    try {
      setTrouble(state, id ?? '');
    } catch (err) {
      if (err instanceof UnknownPracticeTroubleError) {
        return json(400, { error: 'unknown_trouble', known: PRACTICE_TROUBLES.map((t) => t.id) });
      }
      throw err;
    }
  }
  return fromForm
    ? { kind: 'redirect', status: 303, location: PRACTICE_PATHS.home }
    : json(200, troubleState(state));
}

/** `POST /practice/reset`. */
export function resetRequest(state: PracticeState, request: PracticeRequest): PracticeResponse {
  if (!sameOrigin(state, request)) {
    return forbiddenPage();
  }
  state.reset();
  return isFormRequest(request)
    ? { kind: 'redirect', status: 303, location: PRACTICE_PATHS.home }
    : json(200, troubleState(state));
}

function forbiddenPage(): PracticeResponse {
  return {
    kind: 'page',
    status: 403,
    page: {
      name: 'message',
      title: localText('Refused'),
      text: localText('The practice server accepts this form only from its own pages.'),
    },
  };
}
