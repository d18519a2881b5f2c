import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import {
  buildConsentDetailsRequest,
  ConsentDetails,
  explainConsentStatus,
  parseConsentDetails,
} from '../../core/consent/consentDetails';
import { ClientProfile } from '../../core/profiles/clientProfile';
import { problemOfConsentAnswer } from '../../core/profiles/profileProblem';
import { presetOf } from '../../core/profiles/profilePresets';
import type { TokenManager } from '../../core/oauth/tokenManager';
import { Disposable } from '../../platform/dispose';
import { withoutLinks } from '../../platform/notificationText';
import { registerCommand } from '../../platform/runCommand';
import { refreshOpenDocument } from '../../platform/virtualDocuments';
import type { ConsentDeps } from './consentDeps';
import { resolveProfile } from '../../platform/resolveProfile';
import { OperationFailedError } from '../../platform/operationFailedError';
import { renderConsentReport } from './consentReport';
import { vscodeTranslate } from '../../platform/vscodeTranslate';
import { summarizeConsent } from '../../core/consent/consentSummary';

const SCHEME = 'oauth-workbench-consent';

/** What `oauthWorkbench.checkConsent` resolves to. */
export interface ConsentCheckResult {
  readonly ok: boolean;
  readonly consentId?: string;
  readonly details?: ConsentDetails;
  /** The virtual Markdown document the preview renders. */
  readonly reportUri?: vscode.Uri;
}

/** Holds the rendered consent reports shown as read-only documents. */
class ConsentReportProvider extends Disposable implements vscode.TextDocumentContentProvider {
  private readonly reports = new Map<string, string>();
  private readonly _onDidChange = this._register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this._onDidChange.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    super();
  }

  /** Shows the report rendered (VS Code's Markdown preview of the virtual document), not as Markdown source. */
  async show(profileId: string, text: string): Promise<vscode.Uri> {
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${profileId}/Consent.md` });
    this.reports.set(uri.toString(), text);
    await refreshOpenDocument(uri, text, () => this._onDidChange.fire(uri));
    try {
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    } catch (err) {
      // Only when the built-in Markdown extension is disabled: the source is still readable.
      this.log.warn(
        `The Markdown preview is not available (${(err as Error).message}); showing the report's source.`,
      );
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      await vscode.window.showTextDocument(document, { preview: true });
    }
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.reports.get(uri.toString()) ?? '';
  }
}

/**
 * `oauthWorkbench.checkConsent`: asks the profile's Consent Details endpoint (Rabobank `GET …/consents/{consentId}`)
 * whether the consent behind the tokens is still usable, and shows the status per scope and account.
 */
export function registerCheckConsentCommand(services: ConsentDeps): vscode.Disposable {
  const reports = new ConsentReportProvider(services.log);
  return vscode.Disposable.from(
    reports,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, reports),
    registerCommand(CommandIds.checkConsent, services, async (arg?: unknown): Promise<ConsentCheckResult> => {
      const profile = await resolveProfile(services, arg, vscode.l10n.t('Profile whose consent to check'));
      if (!profile.consentDetailsEndpoint) {
        throw new Error(
          vscode.l10n.t(
            '"{0}" has no consent details endpoint; only Rabobank presets have one. Add a profile with a Rabobank preset to check consents.',
            profile.label,
          ),
        );
      }
      const tokenSet = await services.vault.load(profile.id);
      const consentId = tokenSet?.consent_id;
      if (!tokenSet || !consentId) {
        throw new Error(
          vscode.l10n.t(
            '"{0}" has no consent id: it comes with the token response of a sign-in. Sign in first.',
            profile.label,
          ),
        );
      }
      const tokens = await services.engine.tokenManager();
      const http = await services.engine.httpClientFor(profile);
      const endpoint = profile.consentDetailsEndpoint;
      try {
        const response = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: vscode.l10n.t('Checking the consent of "{0}"…', profile.label),
            cancellable: true,
          },
          async (_progress, cancellation) => {
            const authorization = await consentAuthorization(services, profile, tokens);
            const abort = new AbortController();
            const onCancel = cancellation.onCancellationRequested(() => abort.abort());
            try {
              const request = buildConsentDetailsRequest(
                endpoint,
                consentId,
                authorization,
                profile.client_id,
              );
              return await http.send({ ...request, signal: abort.signal });
            } catch (err) {
              throw cancellation.isCancellationRequested ? new vscode.CancellationError() : err;
            } finally {
              onCancel.dispose();
            }
          },
        );
        const { parseJsonObject, errorFromResponse } = await import('../../core/oauth/endpointResponse.js');
        const json = response.status === 200 ? parseJsonObject(response.body) : undefined;
        const details = json ? parseConsentDetails(json) : undefined;
        if (!details) {
          throw errorFromResponse(response, {
            endpoint: 'consent',
            rabobank: presetOf(profile.preset).facts.rabobank,
          });
        }
        // The answer proves the consent's state either way: an ended consent marks the profile, a usable one clears it.
        services.status.noteAnswer(profile.id, {
          kind: 'consent',
          problem: problemOfConsentAnswer(
            { usable: details.usable, statuses: details.entries.map((e) => e.status) },
            consentId,
            Date.now(),
          ),
        });
        services.status.recordConsent(profile.id, summarizeConsent(consentId, details, Date.now()));
        reportConsent(services, profile.id, profile.label, consentId, details);
        const reportUri = await reports.show(
          profile.id,
          renderConsentReport(profile.label, consentId, details, vscodeTranslate),
        );
        return { ok: true, consentId, details, reportUri };
      } catch (err) {
        if (err instanceof vscode.CancellationError) {
          throw err;
        }
        throw new OperationFailedError('checkConsent', profile, err, {
          resultOf: (): ConsentCheckResult => ({ ok: false, consentId }),
        });
      }
    }),
  );
}

/**
 * How to authenticate the consent call: a valid access token, refreshed first if needed; when that fails (the usual
 * reason to check a consent), the client's own credentials, which the consent API also accepts.
 */
async function consentAuthorization(
  services: ConsentDeps,
  profile: ClientProfile,
  tokens: TokenManager,
): Promise<string> {
  try {
    return `Bearer ${await tokens.getValidAccessToken(profile)}`;
  } catch (err) {
    const secret = await services.secretStore.getClientSecret(profile.id);
    if (!secret) {
      throw err;
    }
    services.log.info(
      `Consent check for "${profile.label}": no usable access token (${err instanceof Error ? err.message : String(err)}); asking with the client credentials.`,
    );
    const { basicAuthorization } = await import('../../core/wire/basicAuthentication.js');
    return basicAuthorization(profile.client_id, secret);
  }
}

function reportConsent(
  services: ConsentDeps,
  profileId: string,
  label: string,
  consentId: string,
  details: ConsentDetails,
): void {
  services.log.info(
    `Consent ${consentId} of "${label}": ${details.entries.map((e) => `${e.scope} ${e.iban ?? ''} ${e.status}`).join('; ')}`,
  );
  if (details.usable) {
    void vscode.window.showInformationMessage(
      vscode.l10n.t(
        'The consent of "{0}" is valid for all {1} account entries.',
        label,
        details.entries.length,
      ),
    );
    return;
  }
  const firstBad = details.entries.find((entry) => entry.status !== 'valid');
  const signIn = vscode.l10n.t('Sign In Again');
  void vscode.window
    .showWarningMessage(
      withoutLinks(
        vscode.l10n.t(
          'The consent of "{0}" cannot be used. {1}',
          label,
          firstBad
            ? `${firstBad.scope} (${firstBad.status}): ${explainConsentStatus(firstBad.status, vscodeTranslate)}`
            : vscode.l10n.t('It lists no accounts.'),
        ),
      ),
      signIn,
    )
    .then((choice) =>
      choice === signIn ? vscode.commands.executeCommand(CommandIds.signIn, { profileId }) : undefined,
    );
}
