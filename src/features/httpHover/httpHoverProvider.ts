import * as vscode from 'vscode';
import { CommandIds } from '../../constants';
import { HoverCommands, hoverContent } from '../../core/httpFile/hoverContent';
import { HoverActionKind } from '../../core/knowledge/knowledgeEntry';
import { HttpLintService, toVscodeRange } from '../../platform/httpLintService';

/** The command each hover action runs (the ids registered in constants.ts). */
export const HOVER_ACTION_COMMANDS: Record<HoverActionKind, string> = {
  refreshToken: CommandIds.refreshToken,
  checkConsent: CommandIds.checkConsent,
  signIn: CommandIds.signIn,
  editProfile: CommandIds.editProfile,
};

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
      const { markdown, commandIds } = hoverContent(d, kb, commands);
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
  for (const [action, id] of Object.entries(HOVER_ACTION_COMMANDS) as [HoverActionKind, string][]) {
    if (registered.has(id)) {
      commands[action] = id;
    }
  }
  return commands;
}
