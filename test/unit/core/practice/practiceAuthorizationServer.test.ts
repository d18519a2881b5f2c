import * as assert from 'node:assert/strict';
import { PracticeAuthorizationServer } from '../../../../src/core/practice/practiceAuthorizationServer';
import { UnknownPracticeTroubleError } from '../../../../src/core/practice/practiceControl';
import { parseBasicAuthorization as parseBasic } from '../../../../src/core/wire/basicAuthentication';
import {
  GATEWAY_FORBIDDEN_BODY,
  GATEWAY_UNAUTHORIZED_BODY,
  PracticeRequest,
  PracticeResponse,
} from '../../../../src/core/practice/practiceResponses';
import {
  PRACTICE_DEFAULT_SETTINGS,
  practiceLifetimes,
  PracticeSettings,
  speedProblem,
} from '../../../../src/core/practice/practiceSettings';
import { MAX_PENDING_AUTHORIZATIONS } from '../../../../src/core/practice/practiceState';
import { PRACTICE_TROUBLES } from '../../../../src/core/practice/practiceTroubles';
import { basicAuthorization } from '../../../../src/core/wire/basicAuthentication';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';

const BASE = 'http://127.0.0.1:9999';

function request(
  method: string,
  url: string,
  init: { headers?: Record<string, string>; body?: string } = {},
): PracticeRequest {
  const parsed = new URL(url, BASE);
  return {
    method,
    path: parsed.pathname,
    query: parsed.searchParams,
    headers: init.headers ?? {},
    body: init.body ?? '',
  };
}

function form(
  params: Record<string, string>,
  auth = basicAuthorization('practice-client', PRACTICE_DEFAULT_SETTINGS.client_secret),
) {
  return {
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: auth },
    body: new URLSearchParams(params).toString(),
  };
}

function jsonOf(response: PracticeResponse): { status: number; body: Record<string, unknown> } {
  assert.equal(response.kind, 'json', `expected JSON, got ${JSON.stringify(response)}`);
  return { status: response.status, body: response.body as Record<string, unknown> };
}

describe('PracticeAuthorizationServer', () => {
  let now: number;
  let server: PracticeAuthorizationServer;

  function create(settings: Partial<PracticeSettings> = {}) {
    now = Date.UTC(2026, 10, 27, 9, 0, 0);
    server = new PracticeAuthorizationServer({
      settings: { ...PRACTICE_DEFAULT_SETTINGS, ...settings },
      baseUrl: BASE,
      now: () => now,
    });
  }

  beforeEach(() => create());

  async function authorizeUrl(extra: Record<string, string> = {}) {
    const query = new URLSearchParams({
      client_id: 'practice-client',
      response_type: 'code',
      scope: 'ais.balances.read',
      state: 'state-1',
      ...extra,
    });
    return `/oauth2/authorize?${query}`;
  }

  async function approve(extra: Record<string, string> = {}): Promise<string> {
    const page = await server.handle(request('GET', await authorizeUrl(extra)));
    assert.equal(page.kind, 'page');
    assert.ok(page.kind === 'page' && page.page.name === 'authorize');
    const decided = await server.handle(
      request('POST', '/oauth2/authorize/decision', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `request=${page.page.requestId}&decision=approve`,
      }),
    );
    assert.equal(decided.kind, 'redirect');
    const location = new URL(decided.kind === 'redirect' ? decided.location : '');
    assert.equal(location.searchParams.get('state'), 'state-1');
    return location.searchParams.get('code') ?? '';
  }

  async function tokens(): Promise<Record<string, unknown>> {
    const code = await approve();
    const answer = jsonOf(
      await server.handle(request('POST', '/oauth2/token', form({ grant_type: 'authorization_code', code }))),
    );
    assert.equal(answer.status, 200);
    return answer.body;
  }

  it('issues Rabobank-shaped tokens with the consent id in metadata', async () => {
    const body = await tokens();
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 3600);
    assert.equal(body.scope, 'ais.balances.read oauth2.consents.read');
    assert.match(String(body.metadata), /^a:consentId [0-9a-f-]{36}$/);
    assert.equal(typeof body.consented_on, 'number');
    assert.equal(body.refresh_token_expires_in, 30 * 24 * 3600);
  });

  it('divides every lifetime by the speed factor', () => {
    assert.deepEqual(practiceLifetimes(60), {
      accessTokenS: 60,
      authorizationCodeS: 10,
      refreshTokenS: 43_200,
      consentS: 259_200,
      pendingAuthorizationS: 600,
    });
    assert.equal(practiceLifetimes(10).authorizationCodeS, 30);
    assert.equal(practiceLifetimes(100_000).authorizationCodeS, 10, 'a code outlives the 1 s exchange delay');
    assert.equal(practiceLifetimes(100_000).accessTokenS, 1);
    assert.equal(speedProblem(0.5) !== undefined, true);
    assert.equal(speedProblem(Number.NaN) !== undefined, true);
    assert.equal(speedProblem(60), undefined);
  });

  it('lets a code expire after 5 minutes divided by the speed factor', async () => {
    create({ speed: 10 });
    const code = await approve();
    now += 30_000;
    const answer = jsonOf(
      await server.handle(request('POST', '/oauth2/token', form({ grant_type: 'authorization_code', code }))),
    );
    assert.deepEqual(answer, { status: 400, body: { error: 'invalid_grant' } });
  });

  const tokenCases: {
    name: string;
    params: (code: string, refresh: string) => Record<string, string>;
    auth?: string;
    status: number;
    error: string;
  }[] = [
    {
      name: 'grant_type=code (the guide erratum)',
      params: (code) => ({ grant_type: 'code', code }),
      status: 400,
      error: 'invalid_request',
    },
    { name: 'no grant_type', params: (code) => ({ code }), status: 400, error: 'invalid_request' },
    {
      name: 'a refresh token sent as authorization_code',
      params: (_c, refresh_token) => ({ grant_type: 'authorization_code', refresh_token }),
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'a code sent as refresh_token',
      params: (code) => ({ grant_type: 'refresh_token', code }),
      status: 400,
      error: 'invalid_request',
    },
    {
      name: 'an unknown code',
      params: () => ({ grant_type: 'authorization_code', code: 'nope' }),
      status: 400,
      error: 'invalid_grant',
    },
    {
      name: 'an unknown refresh token',
      params: () => ({ grant_type: 'refresh_token', refresh_token: 'nope' }),
      status: 401,
      error: 'invalid_grant',
    },
    {
      name: 'a wrong secret',
      params: (code) => ({ grant_type: 'authorization_code', code }),
      auth: basicAuthorization('practice-client', 'wrong'),
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'no Authorization header',
      params: (code) => ({ grant_type: 'authorization_code', code }),
      auth: '',
      status: 401,
      error: 'invalid_client',
    },
    {
      name: 'an unknown scope for client credentials',
      params: () => ({ grant_type: 'client_credentials', scope: 'nope' }),
      status: 400,
      error: 'invalid_scope',
    },
  ];
  for (const c of tokenCases) {
    it(`answers ${c.status} ${c.error} for ${c.name}`, async () => {
      const issued = await tokens();
      const code = await approve();
      const answer = jsonOf(
        await server.handle(
          request('POST', '/oauth2/token', form(c.params(code, String(issued.refresh_token)), c.auth)),
        ),
      );
      assert.deepEqual(answer, { status: c.status, body: { error: c.error } });
    });
  }

  it('rotates refresh tokens and refuses the spent one with 401', async () => {
    const first = await tokens();
    const refresh = (token: unknown) =>
      server.handle(
        request('POST', '/oauth2/token', form({ grant_type: 'refresh_token', refresh_token: String(token) })),
      );
    const second = jsonOf(await refresh(first.refresh_token));
    assert.equal(second.status, 200);
    assert.notEqual(second.body.refresh_token, first.refresh_token);
    assert.equal(second.body.metadata, undefined, 'Rabobank sends metadata on the code grant only');
    assert.deepEqual(jsonOf(await refresh(first.refresh_token)), {
      status: 401,
      body: { error: 'invalid_grant' },
    });
    assert.equal(jsonOf(await refresh(second.body.refresh_token)).status, 200);
  });

  it('decodes client_secret_basic per RFC 6749 §2.3.1 (reserved characters form-encoded)', () => {
    const secret = 'p@ss+word/with:colon%&= space';
    assert.deepEqual(parseBasic(basicAuthorization('practice client', secret)), {
      id: 'practice client',
      secret,
    });
    assert.equal(parseBasic('Bearer abc'), undefined);
    assert.equal(parseBasic('Basic !!!'), undefined);
    assert.equal(parseBasic(`Basic ${btoa('no-colon')}`), undefined);
  });

  it('shows the Redirect URI Mismatch page with 200 and the invalid-client page with 401', async () => {
    const mismatch = await server.handle(
      request('GET', await authorizeUrl({ redirect_uri: 'http://127.0.0.1:1/other' })),
    );
    assert.deepEqual(mismatch, { kind: 'page', status: 200, page: { name: 'redirect-uri-mismatch' } });
    const unknown = await server.handle(request('GET', await authorizeUrl({ client_id: 'someone-else' })));
    assert.deepEqual(unknown, { kind: 'page', status: 401, page: { name: 'invalid-client' } });
  });

  it('lists only its own scope texts on the consent page and refuses unknown scopes', async () => {
    const page = await server.handle(
      request('GET', await authorizeUrl({ scope: 'ais.balances.read <script>alert(1)</script>' })),
    );
    assert.equal(page.kind, 'redirect');
    assert.match(page.kind === 'redirect' ? page.location : '', /error=invalid_scope/);
    const ok = await server.handle(request('GET', await authorizeUrl({ state: '<b>x</b>' })));
    assert.ok(ok.kind === 'page' && ok.page.name === 'authorize');
    assert.doesNotMatch(JSON.stringify(ok), /<b>/);
  });

  it('redirects back with access_denied when the user denies', async () => {
    const page = await server.handle(request('GET', await authorizeUrl()));
    assert.ok(page.kind === 'page' && page.page.name === 'authorize');
    const denied = await server.handle(
      request('POST', '/oauth2/authorize/decision', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `request=${page.page.requestId}&decision=deny`,
      }),
    );
    assert.deepEqual(denied, {
      kind: 'redirect',
      status: 302,
      location: 'http://127.0.0.1:8765/callback?error=access_denied&state=state-1',
    });
  });

  it('guards the accounts endpoint with the gateway 401 and 403 bodies', async () => {
    const issued = await tokens();
    const accounts = (token?: string) =>
      server.handle(
        request('GET', '/payments/account-information/ais/accounts', {
          headers: token ? { authorization: `Bearer ${token}` } : {},
        }),
      );
    assert.equal(jsonOf(await accounts(String(issued.access_token))).status, 200);
    assert.deepEqual(jsonOf(await accounts()), { status: 401, body: GATEWAY_UNAUTHORIZED_BODY });
    now += 3600_000;
    assert.deepEqual(jsonOf(await accounts(String(issued.access_token))), {
      status: 401,
      body: GATEWAY_UNAUTHORIZED_BODY,
    });
    now -= 3600_000;
    server.setTrouble('drop-scope');
    assert.deepEqual(jsonOf(await accounts(String(issued.access_token))), {
      status: 403,
      body: GATEWAY_FORBIDDEN_BODY,
    });
  });

  it('arms a next-request trouble once and applies a state trouble at once', async () => {
    server.setTrouble('expire-code');
    assert.deepEqual(
      server
        .troubleState()
        .troubles.filter((t) => t.armed)
        .map((t) => t.id),
      ['expire-code'],
    );
    const code = await approve();
    const first = jsonOf(
      await server.handle(request('POST', '/oauth2/token', form({ grant_type: 'authorization_code', code }))),
    );
    assert.deepEqual(first, { status: 400, body: { error: 'invalid_grant' } });
    assert.deepEqual(
      server.troubleState().troubles.filter((t) => t.armed),
      [],
    );
    const issued = await tokens();
    server.setTrouble('spend-refresh-token');
    const refreshed = jsonOf(
      await server.handle(
        request(
          'POST',
          '/oauth2/token',
          form({ grant_type: 'refresh_token', refresh_token: String(issued.refresh_token) }),
        ),
      ),
    );
    assert.deepEqual(refreshed, { status: 401, body: { error: 'invalid_grant' } });
  });

  it('refuses an unknown trouble with the list of known ones', async () => {
    assert.throws(() => server.setTrouble('nope'), UnknownPracticeTroubleError);
    const answer = jsonOf(
      await server.handle(
        request('POST', '/practice/trouble', {
          headers: { 'content-type': 'application/json' },
          body: '{"trouble":"nope"}',
        }),
      ),
    );
    assert.equal(answer.status, 400);
    assert.equal((answer.body.known as string[]).length, PRACTICE_TROUBLES.length);
  });

  it('refuses trouble switches posted from another origin', async () => {
    const answer = await server.handle(
      request('POST', '/practice/trouble', {
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
        body: 'trouble=expire-consent',
      }),
    );
    assert.equal(answer.kind === 'page' && answer.status, 403);
  });

  it('answers 404 to a consent path with a malformed escape instead of failing', async () => {
    const answer = await server.handle(request('GET', '/oauth2/consents/%E0%A4%A'));
    assert.equal(answer.kind === 'page' && answer.status, 404);
  });

  it('names a knowledge-base entry for every trouble switch that causes an OAuth error', () => {
    const kb = KnowledgeBase.create();
    for (const trouble of PRACTICE_TROUBLES) {
      if (trouble.id === 'gateway-failure') {
        assert.equal(trouble.catalogId, undefined, 'a 502 page is a server error, not an OAuth one');
        continue;
      }
      assert.ok(
        trouble.catalogId !== undefined && kb.has(trouble.catalogId),
        `${trouble.id} → ${trouble.catalogId}`,
      );
    }
  });

  it('answers an unregistered client id at the token endpoint with the gateway body, before the bank', async () => {
    const code = await approve();
    const answer = jsonOf(
      await server.handle(
        request(
          'POST',
          '/oauth2/token',
          form({ grant_type: 'authorization_code', code }, basicAuthorization('someone-else', 'x')),
        ),
      ),
    );
    assert.deepEqual(answer, {
      status: 401,
      body: {
        httpCode: '401',
        httpMessage: 'Unauthorized',
        moreInformation: 'Client id not registered.',
      },
    });
  });

  it('keeps at most MAX_PENDING_AUTHORIZATIONS unanswered pages, forgetting the oldest first', async () => {
    const requestIds: string[] = [];
    for (let i = 0; i <= MAX_PENDING_AUTHORIZATIONS; i++) {
      const page = await server.handle(request('GET', await authorizeUrl()));
      requestIds.push(page.kind === 'page' && page.page.name === 'authorize' ? page.page.requestId : '');
    }
    const answer = (requestId: string) =>
      server.handle(
        request('POST', '/oauth2/authorize/decision', {
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `request=${requestId}&decision=approve`,
        }),
      );
    const oldest = await answer(requestIds[0]);
    assert.equal(oldest.kind === 'page' && oldest.status, 400, 'the oldest page was forgotten');
    assert.equal((await answer(requestIds[1])).kind, 'redirect', 'the second oldest is still there');
    assert.equal((await answer(requestIds[MAX_PENDING_AUTHORIZATIONS])).kind, 'redirect');
  });

  it('answers the next token call with a 502 HTML page when the gateway fails, once', async () => {
    server.setTrouble('gateway-failure');
    const code = await approve();
    const call = () =>
      server.handle(request('POST', '/oauth2/token', form({ grant_type: 'authorization_code', code })));
    const failed = await call();
    assert.equal(failed.kind === 'page' && failed.status, 502);
    assert.equal(jsonOf(await call()).status, 200);
  });
});
