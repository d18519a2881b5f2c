import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PracticeEndpoints } from '../core/practice/practiceSettings';
import type { PracticeServerControl, PracticeStartOptions } from '../features/practice/practiceServerControl';
import type { PracticeServer } from '../node/practice/practiceServer';
import { Disposable } from '../platform/dispose';

/** How long the look for a practice server started outside VS Code (`npm start`) may take. */
const DETECT_TIMEOUT_MS = 1000;

/**
 * Knows the practice server this window talks to: one it started itself (in the extension host, stopped when the
 * window closes) or one already listening on the default port (`npm start`, `oauth-workbench practice`). The practice
 * server's code is loaded on first use, so activation costs nothing.
 */
export class PracticeServerController extends Disposable implements PracticeServerControl {
  private readonly _onDidChange = this._register(new vscode.EventEmitter<void>());
  /** Fires when a practice server was started or found. */
  readonly onDidChange = this._onDidChange.event;
  private server: PracticeServer | undefined;
  private external: PracticeEndpoints | undefined;

  constructor(private readonly extensionPath: string) {
    super();
  }

  /** The endpoints and client of the practice server in use, if any. */
  get endpoints(): PracticeEndpoints | undefined {
    return this.server?.endpoints ?? this.external;
  }

  /** True when this window started the server (rather than found one). */
  get startedHere(): boolean {
    return this.server !== undefined;
  }

  /**
   * Starts the practice server in this window. When the port is taken by another practice server, uses that one
   * instead; when it is taken by something else, the error says so.
   */
  async start(options: PracticeStartOptions = {}): Promise<PracticeEndpoints> {
    if (this.server) {
      return this.server.endpoints;
    }
    const [{ startPracticeServer, PracticeServerError }, settings] = await Promise.all([
      import('../node/practice/practiceServer.js'),
      import('../core/practice/practiceSettings.js'),
    ]);
    const port = options.port ?? settings.PRACTICE_DEFAULT_PORT;
    try {
      this.server = await startPracticeServer({
        port,
        settings: options.settings,
        translate: options.translate,
        language: options.language,
        mediaDir: path.join(this.extensionPath, 'media', 'practice'),
      });
    } catch (err) {
      if (err instanceof PracticeServerError && err.code === 'PORT_IN_USE' && (await this.detect(port))) {
        return this.external as PracticeEndpoints;
      }
      throw err;
    }
    // In a remote window the browser reaches the server through a forwarded address (code-server's /proxy/PORT/
    // keeps its own Host), which the server refuses unless told about it.
    const external = await vscode.env.asExternalUri(vscode.Uri.parse(this.server.url));
    if (external.authority !== new URL(this.server.url).host) {
      this.server.allowHost(external.authority);
    }
    this._onDidChange.fire();
    return this.server.endpoints;
  }

  /**
   * Looks for a practice server on 127.0.0.1 (default port) by its metadata; true when one answers. A server found
   * this way is assumed to use the default client, as `npm start` and `oauth-workbench practice` do.
   */
  async detect(port?: number): Promise<boolean> {
    const settings = await import('../core/practice/practiceSettings.js');
    const base = `http://127.0.0.1:${port ?? settings.PRACTICE_DEFAULT_PORT}`;
    try {
      const response = await fetch(`${base}${settings.PRACTICE_PATHS.trouble}`, {
        signal: AbortSignal.timeout(DETECT_TIMEOUT_MS),
      });
      const body = (await response.json()) as { troubles?: unknown };
      if (response.status !== 200 || !Array.isArray(body.troubles)) {
        return false;
      }
    } catch {
      return false;
    }
    this.external = settings.practiceEndpoints(base, settings.PRACTICE_DEFAULT_SETTINGS);
    this._onDidChange.fire();
    return true;
  }

  /** Switches a trouble on at the practice server in use; throws when there is none or it refuses the id. */
  async setTrouble(id: string): Promise<void> {
    if (this.server) {
      this.server.authorizationServer.setTrouble(id);
      return;
    }
    const endpoints = this.external;
    if (!endpoints) {
      throw new Error(vscode.l10n.t('No practice server is running. Start one first.'));
    }
    const response = await fetch(endpoints.trouble_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ trouble: id }),
      signal: AbortSignal.timeout(5000),
    });
    if (response.status !== 200) {
      throw new Error(
        vscode.l10n.t('The practice server refused the trouble "{0}" (HTTP {1}).', id, response.status),
      );
    }
  }

  override dispose(): void {
    void this.server?.close();
    this.server = undefined;
    super.dispose();
  }
}
