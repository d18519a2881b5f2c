import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CallbackExpectations,
  checkAuthorizationCallback,
} from '../../../../src/core/oauth/authorizationCallback';
import { isOAuthWorkbenchError } from '../../../../src/core/oauth/oauthErrors';
import { parsePastedRedirect, PasteBackReceiver } from '../../../../src/core/oauth/pasteBackReceiver';

const expected: CallbackExpectations = {
  redirectUri: 'https://tpp.example/callback',
  state: 'S'.repeat(43),
  issuer: 'https://as.example',
};
const state = expected.state;

describe('checkAuthorizationCallback', () => {
  const cases: {
    name: string;
    query: string;
    options?: Partial<CallbackExpectations>;
    verdict: string;
    code?: string;
  }[] = [
    {
      name: 'the valid callback with extra parameters',
      query: `code=c&state=${state}&iss=https%3A%2F%2Fas.example&session_state=x`,
      verdict: 'code',
    },
    { name: 'no iss when not required', query: `code=c&state=${state}`, verdict: 'code' },
    {
      name: 'no iss when the server promised it',
      query: `code=c&state=${state}`,
      options: { issuerRequired: true },
      verdict: 'error',
      code: 'ISSUER_MISMATCH',
    },
    {
      name: 'another issuer',
      query: `code=c&state=${state}&iss=https%3A%2F%2Fevil.example`,
      verdict: 'error',
      code: 'ISSUER_MISMATCH',
    },
    {
      name: 'an error with the right state',
      query: `error=access_denied&state=${state}`,
      verdict: 'error',
      code: 'OAUTH_AUTHORIZATION_RESPONSE',
    },
    { name: 'a missing state', query: 'code=c', verdict: 'reject', code: 'STATE_MISMATCH' },
    { name: 'a forged state', query: 'code=c&state=forged', verdict: 'reject', code: 'STATE_MISMATCH' },
    {
      name: 'an error with a forged state',
      query: 'error=access_denied&state=forged',
      verdict: 'reject',
      code: 'STATE_MISMATCH',
    },
    {
      name: 'a repeated state',
      query: `code=c&state=${state}&state=other`,
      verdict: 'reject',
      code: 'CALLBACK_INVALID',
    },
    { name: 'neither code nor error', query: `state=${state}`, verdict: 'reject', code: 'CALLBACK_INVALID' },
    {
      name: 'extra parameters named like Object members',
      query: `toString=&constructor=x&__proto__=y&hasOwnProperty=z&code=c&state=${state}`,
      verdict: 'code',
    },
  ];
  for (const { name, query, options, verdict, code } of cases) {
    it(`${verdict}s ${name}`, () => {
      const result = checkAuthorizationCallback(new URLSearchParams(query), { ...expected, ...options });
      assert.equal(result.kind, verdict);
      if (result.kind !== 'code') {
        assert.equal(result.error.code, code);
      }
    });
  }
});

describe('checkAuthorizationCallback properties', () => {
  const param = fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 }));

  it('never hands out a code unless the one state parameter equals the expected state', () => {
    fc.assert(
      fc.property(fc.array(param, { maxLength: 8 }), (pairs) => {
        const query = new URLSearchParams(pairs);
        const verdict = checkAuthorizationCallback(query, expected);
        if (verdict.kind === 'code') {
          assert.deepEqual(query.getAll('state'), [state]);
        }
      }),
    );
  });

  it('accepts any extra parameters next to the right code and state', () => {
    fc.assert(
      fc.property(
        fc.array(
          param.filter(([name]) => !['code', 'state', 'iss', 'error'].includes(name)),
          { maxLength: 6 },
        ),
        (extra) => {
          const names = new Set<string>();
          const unique = extra.filter(([name]) => !names.has(name) && names.add(name));
          const query = new URLSearchParams([...unique, ['code', 'c'], ['state', state]]);
          const verdict = checkAuthorizationCallback(query, expected);
          assert.equal(verdict.kind, 'code');
        },
      ),
    );
  });
});

describe('paste-back', () => {
  it('accepts the pasted redirect URL, from the query or the fragment', () => {
    assert.equal(
      parsePastedRedirect(` https://tpp.example/callback?code=c1&state=${state} `, expected).code,
      'c1',
    );
    assert.equal(
      parsePastedRedirect(`https://tpp.example/callback#code=c2&state=${state}`, expected).code,
      'c2',
    );
  });

  const refusals: [string, string, string][] = [
    ['text that is not a URL', 'code=c', 'CALLBACK_INVALID'],
    ['another address', `https://evil.example/callback?code=c&state=${state}`, 'CALLBACK_INVALID'],
    ['a forged state', 'https://tpp.example/callback?code=c&state=forged', 'STATE_MISMATCH'],
    [
      'an error redirect',
      `https://tpp.example/callback?error=invalid_scope&state=${state}`,
      'OAUTH_AUTHORIZATION_RESPONSE',
    ],
  ];
  for (const [name, pasted, code] of refusals) {
    it(`refuses ${name}`, () => {
      assert.throws(
        () => parsePastedRedirect(pasted, expected),
        (err: unknown) => isOAuthWorkbenchError(err, code as never),
      );
    });
  }

  it('times out and aborts the prompt', async () => {
    let promptSignal: AbortSignal | undefined;
    const receiver = new PasteBackReceiver({ ...expected, timeoutMs: 50 }, (signal) => {
      promptSignal = signal;
      return new Promise<string>(() => undefined);
    });
    await assert.rejects(receiver.waitForCallback(), (err: unknown) =>
      isOAuthWorkbenchError(err, 'FLOW_TIMEOUT'),
    );
    assert.equal(promptSignal?.aborted, true);
    await receiver.dispose();
  });
});
