import * as vscode from 'vscode';
import { HoverCommands, hoverContent } from '../../core/httpFile/hoverContent';
import { HoverActionKind } from '../../core/knowledge/knowledgeEntry';
import { HttpLintService, toVscodeRange } from '../../platform/httpLintService';
import { KNOWLEDGE_ACTION_COMMANDS } from '../../platform/knowledgeActions';
import { vscodeTranslate } from '../../platform/vscodeTranslate';

/** The actions a hover links (a hover leaves setting the client secret to the notifications). */
const HOVER_ACTIONS: readonly HoverActionKind[] = ['refreshToken', 'checkConsent', 'signIn', 'editProfile'];

/** Explains a diagnosed range: what happened, ranked causes, fixes, errata, and links to commands that exist. */
export class HttpHoverProvider implements vscode.HoverProvider {
  constructor(private readonly service: HttpLintService) {}

  async provideHover(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.Hover | undefined> {
    const hits = this.service.diagnostics(document).filter((d) => toVscodeRange(d.range).contains(position));
    if (hits.length === 0) {
      return undefined;
    }
    const commands = await registeredHoverCommands();
    const kb = this.service.knowledgeBase;
    const contents = hits.map((d) => {
      const { markdown, commandIds } = hoverContent(d, kb, commands, vscodeTranslate);
      const md = new vscode.MarkdownString(markdown);
      md.isTrusted = { enabledCommands: [...commandIds] };
      return md;
    });
    return new vscode.Hover(contents, toVscodeRange(hits[0].range));
  }
}

/** Only commands that are registered right now get a link, so hovers never offer something that cannot run. */
async function registeredHoverCommands(): Promise<HoverCommands> {
  const registered = new Set(await vscode.commands.getCommands(true));
  const commands: HoverCommands = {};
  for (const action of HOVER_ACTIONS) {
    const id = KNOWLEDGE_ACTION_COMMANDS[action];
    if (registered.has(id)) {
      commands[action] = id;
    }
  }
  return commands;
}
