import * as assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/cli';
import { captureCliIo as captureIo } from '../../doubles/captureCliIo';

describe('oauth-workbench explain', () => {
  it('prints title, causes, fixes and the guide erratum of an entry', async () => {
    const io = captureIo();
    assert.equal(await runCli(['explain', 'rabobank.token.grant-type-mismatch'], io), 0);
    assert.match(io.out, /^rabobank\.token\.grant-type-mismatch: Rabobank: grant type missing/);
    assert.match(io.out, /Likely causes:\n {2}1\. /);
    assert.match(io.out, /How to fix:\n {2}- /);
    assert.match(io.out, /Guide erratum: the grant type for a code exchange:\n.*authorization_code/);
    assert.equal(io.err, '');
  });

  it('accepts an id in another case', async () => {
    const io = captureIo();
    assert.equal(await runCli(['explain', 'ENTRA.aadsts50011'], io), 0);
    assert.match(io.out, /^entra\.AADSTS50011: /);
  });

  it('exits 2 with suggestions for an unknown id, and for a missing id', async () => {
    const io = captureIo();
    assert.equal(await runCli(['explain', 'invalid_grant'], io), 2);
    assert.match(io.err, /no entry with id "invalid_grant"\. Did you mean: .*oauth\.token\.invalid_grant/);
    assert.equal(await runCli(['explain'], captureIo()), 2);
  });
});
