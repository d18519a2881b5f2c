import * as assert from 'node:assert/strict';
import { HttpClient, HttpRequest } from '../../../../src/core/oauth/httpClient';
import { LoggingHttpClient } from '../../../../src/core/oauth/loggingHttpClient';
import { OAuthLogger } from '../../../../src/core/oauth/oauthLogger';

function recordingLogger(lines: string[]): OAuthLogger {
  const push = (message: string) => lines.push(message);
  return { trace: push, debug: push, info: push, warn: push, error: push };
}

describe('LoggingHttpClient', () => {
  const request: HttpRequest = {
    method: 'POST',
    url: 'https://as.example/token?code=SECRETCODE',
    headers: { authorization: 'Basic c2VjcmV0' },
    body: 'grant_type=refresh_token&refresh_token=RT-SECRET',
  };

  it('logs one request and one response line without tokens', async () => {
    const lines: string[] = [];
    const inner: HttpClient = {
      send: async () => ({ status: 200, headers: {}, body: '{"access_token":"AT-SECRET"}' }),
    };
    await new LoggingHttpClient(inner, recordingLogger(lines), () => 0).send(request);
    assert.deepEqual(lines, [
      '→ POST https://as.example/token?code=«redacted»',
      '← 200 POST https://as.example/token?code=«redacted» (0 ms)',
    ]);
  });

  it('adds the redacted error body for a failed response', async () => {
    const lines: string[] = [];
    const inner: HttpClient = {
      send: async () => ({
        status: 400,
        headers: {},
        body: '{"error":"invalid_grant","refresh_token":"RT-SECRET"}',
      }),
    };
    await new LoggingHttpClient(inner, recordingLogger(lines), () => 0).send(request);
    assert.match(lines[1], /^← 400 .*invalid_grant/);
    assert.ok(lines.every((line) => !line.includes('SECRET')));
  });

  it('masks the credentials it sent when the server quotes them in an error body', async () => {
    const lines: string[] = [];
    const secret = 'p@ss+word/with:colon%&= space';
    const basic = `Basic ${btoa(`client-1:${new URLSearchParams({ s: secret }).toString().slice(2)}`)}`;
    const inner: HttpClient = {
      send: async () => ({
        status: 400,
        headers: {},
        body: `{"error":"invalid_grant","error_description":"token RT-QUOTED is not valid for client-1:${secret}"}`,
      }),
    };
    await new LoggingHttpClient(inner, recordingLogger(lines), () => 0).send({
      ...request,
      headers: { Authorization: basic },
      body: 'grant_type=refresh_token&refresh_token=RT-QUOTED',
    });
    assert.match(lines[1], /token «redacted» is not valid for client-1:«redacted»/);
    assert.ok(lines.every((line) => !line.includes('RT-QUOTED') && !line.includes(secret)));
  });

  it('logs a transport failure and rethrows it', async () => {
    const lines: string[] = [];
    const inner: HttpClient = {
      send: async () => {
        throw new Error('connect ECONNREFUSED');
      },
    };
    await assert.rejects(
      new LoggingHttpClient(inner, recordingLogger(lines), () => 0).send(request),
      /ECONNREFUSED/,
    );
    assert.match(lines[1], /^✗ POST .* failed after 0 ms: connect ECONNREFUSED/);
  });
});
