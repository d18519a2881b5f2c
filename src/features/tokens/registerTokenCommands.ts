import * as vscode from 'vscode';
import type { TokenCommandsDeps } from './tokenCommandsDeps';
import { registerCopyAccessTokenCommand } from './copyAccessTokenCommand';
import { registerInsertAuthorizationHeaderCommand } from './insertAuthorizationHeaderCommand';
import { registerShowTokenDetailsCommand } from './showTokenDetailsCommand';

/** Using a token: copy it, insert it as a header, look at the token set. */
export function registerTokenCommands(services: TokenCommandsDeps): vscode.Disposable {
  return vscode.Disposable.from(
    registerCopyAccessTokenCommand(services),
    registerInsertAuthorizationHeaderCommand(services),
    registerShowTokenDetailsCommand(services),
  );
}
