import type * as vscode from 'vscode';
import type { CallbackReceiverFactory } from '../core/oauth/authorizationCallback';
import type { HttpClient } from '../core/oauth/httpClient';
import { OAuthLogger, RedactingLogger } from '../core/oauth/oauthLogger';
import type { ClientProfile } from '../core/profiles/clientProfile';
import { EditorConnection, resolveConnection } from '../core/profiles/connectionDefaults';
import type { SecretStore } from '../core/profiles/secretStore';
import type { TokenManager } from '../core/oauth/tokenManager';
import type { TokenVault } from '../core/tokens/tokenVault';
import type { NodeHttpClientFactory } from '../node/nodeHttpClient';
import type { OAuthEngine } from '../platform/oauthEngine';

interface Runtime {
  readonly http: NodeHttpClientFactory;
  readonly tokenManager: TokenManager;
}

/**
 * Loads the OAuth engine (the HTTP client, the token manager, the loopback server) the first time a
 * command needs it, so activating the extension costs none of it. Everything here is imported with `import()`; the
 * static imports above are types only.
 */
export class EngineLoader implements OAuthEngine, vscode.Disposable {
  private runtime: Promise<Runtime> | undefined;
  private readonly logger: OAuthLogger;

  constructor(
    private readonly ports: {
      readonly secretStore: SecretStore;
      readonly vault: TokenVault;
      readonly log: OAuthLogger;
      readonly extensionPath: string;
      /** VS Code's proxy settings, read on every call so a change applies to the next request. */
      readonly editorConnection?: () => EditorConnection;
    },
  ) {
    this.logger = new RedactingLogger(ports.log);
  }

  /** The engine's token manager (refresh, revoke, sign out), built over this window's vault and secret store. */
  async tokenManager(): Promise<TokenManager> {
    return (await this.load()).tokenManager;
  }

  /** The HTTP client for a profile's proxy / mTLS settings; each request and response is logged, redacted. */
  async httpClientFor(profile: Pick<ClientProfile, 'proxy' | 'tls'>): Promise<HttpClient> {
    const runtime = await this.load();
    const { LoggingHttpClient } = await import('../core/oauth/loggingHttpClient.js');
    return new LoggingHttpClient(runtime.http.forSettings(this.connectionOf(profile)), this.logger);
  }

  /** The loopback redirect server factory, serving the callback pages shipped in `media/`. */
  async loopbackReceiver(): Promise<CallbackReceiverFactory> {
    const { LoopbackRedirectServer } = await import('../node/loopbackRedirectServer.js');
    const mediaDir = `${this.ports.extensionPath}/media`;
    return (expectations) => LoopbackRedirectServer.start(expectations, { mediaDir });
  }

  dispose(): void {
    void this.runtime?.then((runtime) => runtime.http.close()).catch(() => undefined);
  }

  /** The profile's own proxy and files, else the editor's proxy; see {@link resolveConnection}. */
  private connectionOf(profile: Pick<ClientProfile, 'proxy' | 'tls'>) {
    return resolveConnection(profile, this.ports.editorConnection?.() ?? {});
  }

  private load(): Promise<Runtime> {
    this.runtime ??= (async () => {
      const [{ NodeHttpClientFactory }, { TokenManager }, { LoggingHttpClient }, { loadSystemStore }] =
        await Promise.all([
          import('../node/nodeHttpClient.js'),
          import('../core/oauth/tokenManager.js'),
          import('../core/oauth/loggingHttpClient.js'),
          import('../node/http/systemCertificates.js'),
        ]);
      // The log says once which system store http.systemCertificates brought in (no certificate content).
      const http = new NodeHttpClientFactory({
        systemStore: () => loadSystemStore((line) => this.logger.info(line)),
      });
      const tokenManager = new TokenManager({
        vault: this.ports.vault,
        secretStore: this.ports.secretStore,
        httpClientFor: (settings) =>
          new LoggingHttpClient(http.forSettings(this.connectionOf(settings)), this.logger),
        logger: this.logger,
      });
      return { http, tokenManager };
    })();
    return this.runtime;
  }
}
