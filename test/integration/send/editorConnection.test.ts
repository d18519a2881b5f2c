import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { resolveConnection } from '../../../src/core/profiles/connectionDefaults';
import { readEditorConnection } from '../../../src/platform/editorConnection';

/** VS Code's own network settings as the extension reads them in the real host: from the user's settings only. */
describe('VS Code’s http.proxy, http.proxyStrictSSL and http.systemCertificates', () => {
  const http = () => vscode.workspace.getConfiguration('http');
  const keys = ['proxy', 'proxyStrictSSL', 'systemCertificates'];

  afterEach(async () => {
    for (const key of keys) {
      await http().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('follows the user’s settings, and leaves the system store on by default', async () => {
    assert.equal(resolveConnection({}, readEditorConnection()).systemCertificates, true);
    await http().update('systemCertificates', false, vscode.ConfigurationTarget.Global);
    await http().update('proxyStrictSSL', false, vscode.ConfigurationTarget.Global);
    await http().update('proxy', 'http://proxy.corp.test:3128', vscode.ConfigurationTarget.Global);
    assert.deepEqual(readEditorConnection(), {
      proxy: 'http://proxy.corp.test:3128',
      strictSSL: false,
      systemCertificates: false,
    });
    const resolved = resolveConnection({}, readEditorConnection());
    assert.equal(resolved.systemCertificates, false);
    assert.equal(resolved.rejectUnauthorized, false);
  });

  it('is not changed by a workspace’s settings', async () => {
    if (!vscode.workspace.workspaceFolders?.length) {
      return;
    }
    for (const key of ['systemCertificates', 'proxyStrictSSL']) {
      // VS Code itself may refuse a workspace value for these machine-wide settings; either way it must not count.
      await http()
        .update(key, false, vscode.ConfigurationTarget.Workspace)
        .then(
          () => undefined,
          () => undefined,
        );
    }
    try {
      assert.deepEqual(readEditorConnection(), {});
    } finally {
      for (const key of ['systemCertificates', 'proxyStrictSSL']) {
        await http()
          .update(key, undefined, vscode.ConfigurationTarget.Workspace)
          .then(
            () => undefined,
            () => undefined,
          );
      }
    }
  });
});
