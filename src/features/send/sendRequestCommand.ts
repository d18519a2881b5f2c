import * as vscode from 'vscode';
import { resolveConnection } from '../../core/profiles/connectionDefaults';
import { readEditorConnection } from '../../platform/editorConnection';
import { isNothingToRefresh, validAccessToken } from '../../platform/validAccessToken';
import { CommandIds, SettingKeys } from '../../constants';
import { HttpBlock, HttpFile, parseHttpFile } from '../../core/httpFile/parseHttpFile';
import { basicCredentials } from '../../core/wire/basicAuthentication';
import { isCancellation } from '../../core/oauth/oauthErrors';
import { curlCommand } from '../../core/send/curlCommand';
import { responseDocumentText } from '../../core/send/responseDocument';
import {
  checkCredentialTargets,
  PreparedRequest,
  prepareSendRequest,
  renderSendRequest,
  secretValuesOf,
  SendRequestError,
} from '../../core/send/sendRequest';
import { AuthReference, authVariableText, SendEnvironment } from '../../core/send/sendVariables';
import { ResponseDocuments } from './responseDocuments';
import { SendDeps } from './sendDeps';
import { problemOfResourceAnswer } from '../../core/profiles/profileProblem';

/** What the command returns (for tests and other callers): the response document and the status. */
export interface SendResult {
  readonly uri: string;
  readonly status: number;
}

/** What the command receives from a CodeLens; from the palette or a key it sends the request under the cursor. */
interface SendTarget {
  readonly uri?: string;
  readonly line?: number;
}

/**
 * Sends the request under the cursor (or the one a CodeLens names): variables resolved now, `$auth` values only for
 * the profile's own endpoints, an expired token refreshed first, then the answer in a response document.
 */
export async function sendRequest(
  deps: SendDeps,
  responses: ResponseDocuments,
  arg?: unknown,
): Promise<SendResult | undefined> {
  const { document, line } = await targetOf(arg);
  const file = parseHttpFile(document.getText());
  const block = blockAt(file, line);
  const prepared = prepareSendRequest(file, block, await sendEnvironment(document));
  checkCredentialTargets(prepared, (id) => deps.profiles.get(id));
  // Retry after a refused refresh sends the same request again.
  const values = await authValues(deps, prepared.auth, { uri: document.uri.toString(), line });
  if (!values) {
    return undefined;
  }
  const valueOf = (ref: AuthReference) => values.get(authVariableText(ref)) ?? '';
  const request = renderSendRequest(prepared, valueOf);
  const profile = prepared.auth.length > 0 ? deps.profiles.get(prepared.auth[0].profileId) : undefined;
  const connection = resolveConnection(profile, readEditorConnection());
  const sentAt = Date.now();
  let answer;
  try {
    answer = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: vscode.l10n.t('Sending {0} {1}…', prepared.method, new URL(prepared.url).host),
        cancellable: true,
      },
      (_progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        return deps.sendRequest(request, {
          timeoutMs: timeoutMs(),
          ...connection,
          signal: abort.signal,
        });
      },
    );
  } catch (err) {
    if (isCancellation(err)) {
      throw new vscode.CancellationError();
    }
    throw err;
  }
  const secrets = [...secretValuesOf(prepared, valueOf), ...(await heldSecrets(deps, prepared.auth))];
  const text = responseDocumentText({ request: prepared, ...answer, sentAt, secrets });
  const editor = await responses.show(document.uri, prepared.line, {
    title: `${prepared.method} ${prepared.shownUrl} → ${answer.status}`,
    text,
    curl: curlCommand(prepared),
    at: sentAt,
    origin: {
      source: document.uri.toString(),
      line: prepared.line,
      requestText: document.lineAt(prepared.line).text,
    },
  });
  deps.log.info(
    `Sent ${prepared.method} ${prepared.shownUrl}: ${answer.status} in ${Math.round(answer.elapsedMs)} ms.`,
  );
  await noteApiAnswer(deps, prepared.auth, answer.status, sentAt);
  return { uri: editor.document.uri.toString(), status: answer.status };
}

/**
 * What an API answer to a profile's access token proves about that profile: a 403 puts its consent in doubt (the tree
 * and the status bar say so, with Check Consent), until a new token or a consent check settles it.
 */
async function noteApiAnswer(
  deps: SendDeps,
  refs: readonly AuthReference[],
  status: number,
  at: number,
): Promise<void> {
  for (const profileId of new Set(refs.filter((r) => r.kind === 'token').map((r) => r.profileId))) {
    const profile = deps.profiles.get(profileId);
    const consentId = profile && (await (await deps.tokenManager()).getTokenSet(profile))?.consent_id;
    // Only a token that carries a consent (Rabobank's) says anything about one; elsewhere a 403 is about scopes.
    const problem = consentId ? problemOfResourceAnswer(status, consentId, at) : undefined;
    if (problem) {
      deps.status.noteAnswer(profileId, { kind: 'failure', problem });
    }
  }
}

/** The request under the cursor, or the block a CodeLens names, as text Copy as curl can take. */
export async function preparedAt(arg?: unknown): Promise<PreparedRequest> {
  const { document, line } = await targetOf(arg);
  const file = parseHttpFile(document.getText());
  return prepareSendRequest(file, blockAt(file, line), await sendEnvironment(document));
}

async function targetOf(arg: unknown): Promise<{ document: vscode.TextDocument; line: number }> {
  const target = (arg ?? {}) as SendTarget;
  if (typeof target.uri === 'string' && typeof target.line === 'number') {
    const uri = vscode.Uri.parse(target.uri);
    const document =
      vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString()) ??
      (await vscode.workspace.openTextDocument(uri));
    return { document, line: target.line };
  }
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'http') {
    throw new Error(vscode.l10n.t('Open a .http file and put the cursor on the request to send.'));
  }
  return { document: editor.document, line: editor.selection.active.line };
}

function blockAt(file: HttpFile, line: number): HttpBlock {
  const block = file.blocks.find((b) => b.startLine <= line && line <= Math.max(b.endLine, b.startLine));
  if (!block?.request) {
    throw new SendRequestError(
      'SEND_NO_REQUEST',
      vscode.l10n.t('There is no request at line {0}; put the cursor on a request line.', line + 1),
      line,
    );
  }
  return block;
}

/** `$processEnv` from this process; `$dotenv` from the `.env` file next to a saved `.http` file. */
async function sendEnvironment(document: vscode.TextDocument): Promise<SendEnvironment> {
  const dotenv = new Map<string, string>();
  if (document.uri.scheme === 'file') {
    const envFile = vscode.Uri.joinPath(document.uri, '..', '.env');
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(envFile));
      for (const match of text.matchAll(/^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/gm)) {
        dotenv.set(match[1], match[2].replace(/^(['"])(.*)\1$/, '$2'));
      }
    } catch {
      // No .env file: $dotenv variables stay unresolved and say so.
    }
  }
  return {
    processEnv: (name) => process.env[name],
    dotenv: (name) => dotenv.get(name),
    now: () => Date.now(),
    guid: () => crypto.randomUUID(),
  };
}

/**
 * The value of each `$auth` reference. A token is taken through the token manager, which refreshes an expired one
 * first (one refresh per profile at a time). Without a token or secret the user is offered the way to get one, and
 * nothing is sent (undefined).
 */
async function authValues(
  deps: SendDeps,
  refs: readonly AuthReference[],
  retryArgs: SendTarget,
): Promise<Map<string, string> | undefined> {
  const values = new Map<string, string>();
  const tokens = refs.some((r) => r.kind === 'token' || r.kind === 'idToken')
    ? await deps.tokenManager()
    : undefined;
  for (const ref of refs) {
    const profile = deps.profiles.get(ref.profileId);
    if (!profile) {
      return undefined;
    }
    let value: string | undefined;
    try {
      switch (ref.kind) {
        case 'token':
          value = await validAccessToken(tokens!, profile, retryArgs);
          break;
        case 'idToken':
          value = (await tokens!.getTokenSet(profile))?.id_token;
          break;
        case 'clientId':
          value = profile.client_id;
          break;
        case 'clientSecret':
        case 'basic': {
          const secret = await deps.clientSecret(profile.id);
          value =
            secret === undefined
              ? undefined
              : ref.kind === 'basic'
                ? basicCredentials(profile.client_id, secret)
                : secret;
          if (value === undefined) {
            offer(
              vscode.l10n.t('"{0}" has no client secret yet, so nothing was sent.', profile.label),
              vscode.l10n.t('Set Client Secret'),
              CommandIds.setClientSecret,
              profile.id,
            );
            return undefined;
          }
          break;
        }
      }
    } catch (err) {
      if (!isNothingToRefresh(err)) {
        throw err;
      }
    }
    if (value === undefined) {
      offer(
        ref.kind === 'idToken'
          ? vscode.l10n.t(
              '"{0}" holds no ID token, so nothing was sent. Sign in with the openid scope.',
              profile.label,
            )
          : vscode.l10n.t(
              '"{0}" is not signed in (or its session ended), so nothing was sent.',
              profile.label,
            ),
        vscode.l10n.t('Sign In'),
        CommandIds.signIn,
        profile.id,
      );
      return undefined;
    }
    values.set(authVariableText(ref), value);
  }
  return values;
}

function offer(message: string, action: string, command: string, profileId: string): void {
  void vscode.window.showWarningMessage(message, action).then((choice) => {
    if (choice === action) {
      void vscode.commands.executeCommand(command, { profileId });
    }
  });
}

/** Every token and secret held for the profiles the request names, so the response document can mask them anywhere. */
async function heldSecrets(deps: SendDeps, refs: readonly AuthReference[]): Promise<string[]> {
  const out: string[] = [];
  const ids = [...new Set(refs.map((r) => r.profileId))];
  const tokens = ids.length > 0 ? await deps.tokenManager() : undefined;
  for (const id of ids) {
    const set = await tokens?.getTokenSet({ id }).catch(() => undefined);
    const secret = await deps.clientSecret(id).catch(() => undefined);
    for (const value of [set?.access_token, set?.refresh_token, set?.id_token, secret]) {
      if (value) {
        out.push(value);
      }
    }
  }
  return out;
}

function timeoutMs(): number {
  const seconds = vscode.workspace
    .getConfiguration(SettingKeys.section)
    .get<number>(SettingKeys.sendTimeoutSeconds, 30);
  return Math.min(600, Math.max(1, Number.isFinite(seconds) ? seconds : 30)) * 1000;
}
