import type * as vscode from 'vscode';
import type { ClientProfile } from '../../core/profiles/clientProfile';
import type { RequestSender } from '../../core/send/requestSender';
import type { TokenManager } from '../../core/oauth/tokenManager';
import type { HttpLintService } from '../../platform/httpLintService';
import type { CommandContext } from '../../platform/runCommand';
import type { ProfileStatusStore } from '../../platform/profileStatusStore';

/** What Send Request needs from the composition root, and nothing more. */
export interface SendDeps extends CommandContext {
  readonly log: vscode.LogOutputChannel;
  /** Where the boundary records failures, and where an API answer's verdict on a profile's consent is noted. */
  readonly status: Pick<ProfileStatusStore, 'recordFailure' | 'noteAnswer'>;
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
  /** Sends a resolved request (Node's http / https, loaded on first use by the composition root). */
  readonly sendRequest: RequestSender;
}
