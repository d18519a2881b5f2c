import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { errorFromResponse } from '../../../../src/core/oauth/endpointResponse';
import { KnowledgeBase } from '../../../../src/core/knowledge/knowledgeBase';
import { repoRoot } from '../../../support/paths';

/** A whole string literal that looks like a catalog id, e.g. `'rabobank.token.invalid-code'`. */
const CATALOG_ID_LITERAL =
  /(['"`])((?:oauth|rabobank|lint|entra|keycloak|berlingroup)\.[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)+)\1/g;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => path.join(dir, name));
}

describe('catalog ids used in the source', () => {
  it('every id the source names is an entry of the knowledge base', () => {
    const kb = KnowledgeBase.create();
    const used = new Map<string, string>();
    for (const file of sourceFiles(path.join(repoRoot, 'src'))) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(CATALOG_ID_LITERAL)) {
        used.set(match[2], path.relative(repoRoot, file));
      }
    }
    assert.ok(used.size > 50, `found only ${used.size} ids: the scan itself is broken`);
    const unknown = [...used].filter(([id]) => !kb.has(id)).map(([id, file]) => `${id} (${file})`);
    assert.deepEqual(unknown, []);
  });

  it('explains a redirect URI mismatch page of a server other than Rabobank with its own entry', () => {
    const page = {
      status: 400,
      headers: { 'content-type': 'text/html' },
      body: '<html><h1>Redirect URI Mismatch</h1></html>',
    };
    const err = errorFromResponse(page, { endpoint: 'authorization', rabobank: false });
    assert.equal(err.catalogId, 'oauth.authorize.redirect-uri-mismatch');
    assert.match(KnowledgeBase.create().get(err.catalogId)?.summary ?? '', /redirect URI does not match/);
  });
});
