import type * as vscode from 'vscode';
import type { ClientProfile } from '../../core/profiles/clientProfile';
import type { TokenManager } from '../../core/tokens/tokenManager';
import type { HttpLintService } from '../httpDiagnostics/httpLintService';

/** What Send Request needs from the composition root, and nothing more. */
export interface SendDeps {
  readonly log: vscode.LogOutputChannel;
  readonly profiles: {
    list(): readonly ClientProfile[];
    get(profileId: string): ClientProfile | undefined;
  };
  /** The profile's client secret from secret storage, for `$auth.basic` and `$auth.clientSecret`. */
  readonly clientSecret: (profileId: string) => Promise<string | undefined>;
  /** The engine's token manager (loaded on first use): tokens, refreshed through its single flight. */
  readonly tokenManager: () => Promise<TokenManager>;
  /** The lints of `http` documents, whose findings the explanation actions (Ctrl+.) act on. */
  readonly lints: HttpLintService;
}
