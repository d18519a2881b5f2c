/**
 * VS Code turns `[text](https://…)` and `[text](command:…)` inside a notification's message into links, and a command
 * link runs that command with its arguments when clicked. Messages that quote a server (an OAuth error_description, a
 * gateway's moreInformation, a consent status) must not be able to plant one, so every such link is broken up.
 */
export function withoutLinks(text: string): string {
  return text.replace(/\]\s*\(/g, '] (');
}
