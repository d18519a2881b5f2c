/**
 * The requests in `examples/*.http` (the workspace `npm start` opens) sent to a practice server, as a person would
 * send them one after the other: each must answer what its title promises, so the examples cannot rot. The values a
 * person pastes (a fresh code, an access token, a consent id) are filled in from a real sign-in.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { resolveVariables } from '../../../../src/core/httpFile/fileVariables';
import { parseHttpFile } from '../../../../src/core/httpFile/parseHttpFile';
import { buildAuthorizationUrl } from '../../../../src/core/oauth/authorizationRequest';
import { exchangeAuthorizationCode } from '../../../../src/core/oauth/tokenEndpoint';
import { practiceProfile } from '../../../../src/core/practice/practiceProfile';
import { PracticeServer, startPracticeServer } from '../../../../src/node/practice/practiceServer';
import { NodeHttpClient } from '../../../../src/node/nodeHttpClient';
import { answerConsent } from '../../../doubles/practiceBrowser';
import { repoRoot } from '../../../support/paths';

/** Each file's requests in order, with the status a person sees when sending them top to bottom. */
const EXPECTED: readonly { readonly file: string; readonly statuses: readonly number[] }[] = [
  { file: '1-obtaining-authorization.http', statuses: [200, 401, 200, 302] },
  { file: '2-requesting-the-access-token.http', statuses: [200, 400, 401, 401, 400, 200, 200, 200] },
  { file: '3-calling-the-api.http', statuses: [200, 401, 200, 200, 403] },
  // Last: it switches troubles on.
  { file: '4-trouble-switches.http', statuses: Array<number>(13).fill(200) },
];

describe('examples/*.http against the practice server', () => {
  let server: PracticeServer;
  let http: NodeHttpClient;

  before(async () => {
    http = new NodeHttpClient({ env: {} });
    // The examples use the default client and redirect URI; nothing needs to listen on the redirect port.
    server = await startPracticeServer();
  });

  after(async () => {
    await http.close();
    await server.close();
  });

  /** What a person pastes into the examples after signing in: a fresh code, an access token, its consent id. */
  async function pastedValues(): Promise<Map<string, string>> {
    const profile = practiceProfile(server.endpoints);
    const codeFor = async () => {
      const result = await answerConsent(buildAuthorizationUrl(profile, 'state'), { deliver: false });
      assert.equal(result.kind, 'callback');
      return new URL(result.kind === 'callback' ? result.url : '').searchParams.get('code') ?? '';
    };
    const tokens = await exchangeAuthorizationCode(
      { http, client: profile, clientSecret: server.endpoints.client_secret, now: () => Date.now() },
      { token_endpoint: profile.token_endpoint, code: await codeFor(), redirect_uri: profile.redirect_uri },
    );
    return new Map([
      ['code', await codeFor()],
      ['accessToken', tokens.access_token],
      ['consentId', tokens.consent_id ?? ''],
    ]);
  }

  it('answers every example request as its title says', async () => {
    const pasted = await pastedValues();
    for (const { file, statuses } of EXPECTED) {
      const text = fs.readFileSync(`${repoRoot}/examples/${file}`, 'utf8');
      const parsed = parseHttpFile(text);
      const variables = new Map([...parsed.variables, ...pasted, ['practice', server.url]]);
      const named = new Map<string, Record<string, unknown>>();
      const seen: number[] = [];
      const lines = text.split('\n');
      for (const block of parsed.blocks) {
        const request = block.request;
        if (!request) {
          continue;
        }
        const resolve = (value: string) =>
          resolveVariables(
            value.replace(/\{\{(\w+)\.response\.body\.(\w+)\}\}/g, (whole, name: string, field: string) =>
              String(named.get(name)?.[field] ?? whole),
            ),
            variables,
          );
        const headers: Record<string, string> = {};
        for (const header of request.headers) {
          headers[header.name.toLowerCase()] = resolve(header.value);
        }
        const title = lines[block.startLine] ?? '';
        const response = await http.send({
          method: request.method as 'GET' | 'POST',
          url: resolve(request.url.text.replace(/\s+/g, '')),
          headers,
          body: request.body ? resolve(request.body.text.trim()) : undefined,
        });
        seen.push(response.status);
        const json = /^\s*\{/.test(response.body)
          ? (JSON.parse(response.body) as Record<string, unknown>)
          : {};
        if (block.name) {
          named.set(block.name, json);
        }
        const promisedError = /\{"error": "(\w+)"\}/.exec(title)?.[1];
        if (promisedError) {
          assert.equal(json.error, promisedError, `${file}: ${title}`);
        }
        if (/gateway body/.test(title)) {
          assert.equal(json.httpCode, String(response.status), `${file}: ${title}`);
        }
        if (/Redirect URI Mismatch/.test(title)) {
          assert.match(response.body, /<h1[^>]*>Redirect URI Mismatch<\/h1>/);
        }
      }
      assert.deepEqual(seen, statuses, file);
    }
  });
});
