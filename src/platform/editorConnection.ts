import * as vscode from 'vscode';
import type { EditorConnection } from '../core/profiles/connectionDefaults';

/**
 * VS Code's `http.proxy`, `http.proxyStrictSSL` and `http.systemCertificates`, read from the user's settings only: a
 * workspace must not route requests that carry a token through a proxy it chooses, or change which certificates are
 * trusted.
 */
export function readEditorConnection(): EditorConnection {
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.inspect<string>('proxy')?.globalValue;
  const strict = http.inspect<boolean>('proxyStrictSSL')?.globalValue;
  const system = http.inspect<boolean>('systemCertificates')?.globalValue;
  return {
    ...(typeof proxy === 'string' && proxy.trim() ? { proxy: proxy.trim() } : {}),
    ...(strict === false ? { strictSSL: false } : {}),
    ...(system === false ? { systemCertificates: false } : {}),
  };
}
