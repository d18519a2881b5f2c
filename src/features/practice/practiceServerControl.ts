import type * as vscode from 'vscode';
import type { Translate } from '../../core/text/translate';
import type { PracticeEndpoints, PracticeSettings } from '../../core/practice/practiceSettings';

/** Options of {@link PracticeServerControl.start}. */
export interface PracticeStartOptions {
  /** Default: the practice port (8642); 0 picks a free one. */
  readonly port?: number;
  readonly settings?: Partial<PracticeSettings>;
  /** The language of the server's pages (sign-in, consent, home); default English. */
  readonly translate?: Translate;
  /** The `lang` of those pages, e.g. `vscode.env.language`; default `en`. */
  readonly language?: string;
}

/**
 * What the practice commands need of the practice server this window talks to. The implementation loads the server
 * (Node code) and lives with the wiring beside `extension.ts`; this folder only sees the interface.
 */
export interface PracticeServerControl {
  /** Fires when a practice server was started or found. */
  readonly onDidChange: vscode.Event<void>;
  /** The endpoints and client of the practice server in use, if any. */
  readonly endpoints: PracticeEndpoints | undefined;
  /** True when this window started the server (rather than found one). */
  readonly startedHere: boolean;
  /** Starts the practice server in this window, or uses the one already on the port. */
  start(options?: PracticeStartOptions): Promise<PracticeEndpoints>;
  /** Looks for a practice server on 127.0.0.1; true when one answers. */
  detect(port?: number): Promise<boolean>;
  /** Switches a trouble on at the practice server in use. */
  setTrouble(id: string): Promise<void>;
}
