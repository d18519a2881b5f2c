import * as vscode from 'vscode';
import packageJson from '../../../package.json';

/** Activates the extension under test; contributed commands are listed only after activation. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const id = `${packageJson.publisher}.${packageJson.name}`;
  const extension = vscode.extensions.getExtension(id);
  if (!extension) {
    throw new Error(`Extension ${id} is not loaded in this host`);
  }
  await extension.activate();
  return extension;
}
