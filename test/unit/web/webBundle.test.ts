/**
 * The web worker build, run where a web worker would run it: a `vm` context with no `require` but one for `vscode`,
 * no `process`, no `Buffer`, no Node globals at all. `vscode` is a recording stand-in, so this fails fast and in plain
 * Node; test/host/webWorkerCheck.mjs checks the same build in VS Code's real web worker extension host.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { build } from 'esbuild';
import { CommandIds, WEB_WORKER_CONTEXT_KEY } from '../../../src/constants';

/** The repository: the nearest folder above the compiled test that holds the TypeScript source. */
function repositoryRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'src', 'extensionWeb.ts'))) {
      return dir;
    }
  }
  throw new Error(`no repository above ${__dirname}`);
}
const root = repositoryRoot();

interface Recorded {
  readonly required: string[];
  readonly commands: Map<string, (...args: unknown[]) => unknown>;
  readonly providers: string[];
  readonly warnings: string[];
  readonly executed: unknown[][];
}

/** A `vscode` whose every member answers (as a callable proxy) and whose registrations are recorded. */
function recordingVscode(recorded: Recorded, code: string): unknown {
  const disposable = { dispose: () => undefined };
  const auto = (name: string): unknown =>
    new Proxy(function () {}, {
      get: (_t, prop) =>
        prop === 'then'
          ? undefined
          : prop === Symbol.toPrimitive
            ? () => name
            : auto(`${name}.${String(prop)}`),
      apply: () => auto(`${name}()`),
      construct: () => auto(`new ${name}`) as object,
    });
  class Disposable {
    static from(...items: { dispose(): unknown }[]) {
      return { dispose: () => items.forEach((d) => d.dispose()) };
    }
    constructor(private readonly fn: () => unknown) {}
    dispose() {
      this.fn();
    }
  }
  class EventEmitter {
    event = () => disposable;
    fire() {}
    dispose() {}
  }
  const overrides: Record<string, unknown> = {
    Disposable,
    EventEmitter,
    l10n: {
      t: (text: string, ...args: unknown[]) => text.replace(/\{(\d+)\}/g, (_m, i) => String(args[+i])),
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        recorded.commands.set(id, handler);
        return disposable;
      },
      executeCommand: async (...args: unknown[]) => void recorded.executed.push(args),
    },
    languages: new Proxy(
      {},
      {
        get: (_t, prop) =>
          prop === 'then'
            ? undefined
            : () => {
                if (String(prop).startsWith('register')) {
                  recorded.providers.push(String(prop));
                }
                return prop === 'createDiagnosticCollection' ? auto('diagnostics') : disposable;
              },
      },
    ),
    window: new Proxy(
      {},
      {
        get: (_t, prop) =>
          prop === 'showWarningMessage'
            ? async (message: string) => void recorded.warnings.push(message)
            : auto(`window.${String(prop)}`),
      },
    ),
  };
  // The bundle copies the module's own keys (esbuild's ES module interop): list every member it names.
  const names = new Set([...code.matchAll(/\bvscode\d*\.(\w+)/g)].map((m) => m[1]));
  return Object.fromEntries([...names].map((name) => [name, overrides[name] ?? auto(`vscode.${name}`)]));
}

describe('the web worker build (browser entry)', function () {
  this.timeout(60_000);
  let code: string;

  before(async () => {
    const result = await build({
      entryPoints: [path.join(root, 'src/extensionWeb.ts')],
      bundle: true,
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      external: ['vscode'],
      write: false,
      logLevel: 'silent',
    });
    code = result.outputFiles[0].text;
  });

  function load(recorded: Recorded): { activate: (ctx: unknown) => void } {
    const module = { exports: {} as Record<string, unknown> };
    const sandbox = vm.createContext({
      module,
      exports: module.exports,
      require: (id: string) => {
        recorded.required.push(id);
        if (id !== 'vscode') {
          throw new Error(`the web build required ${id}`);
        }
        return recordingVscode(recorded, code);
      },
      // What a web worker has too (the globals of the web platform); none of Node's own.
      console,
      performance,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextDecoder,
      TextEncoder,
      URL,
      URLSearchParams,
      AbortController,
      atob,
      btoa,
      crypto: globalThis.crypto,
    });
    vm.runInContext(code, sandbox, { filename: 'dist/web/extension.js' });
    return module.exports as { activate: (ctx: unknown) => void };
  }

  const fresh = (): Recorded => ({
    required: [],
    commands: new Map(),
    providers: [],
    warnings: [],
    executed: [],
  });

  it('loads with nothing but vscode, and no Node global', () => {
    const recorded = fresh();
    const exports = load(recorded);
    assert.equal(typeof exports.activate, 'function');
    assert.deepEqual([...new Set(recorded.required)], ['vscode']);
    assert.doesNotMatch(code, /require\("(node:)?(fs|path|http|https|net|crypto|child_process|os|url)"\)/);
  });

  it('registers the .http features and answers every desktop-only command with a clear warning', async () => {
    const recorded = fresh();
    const context = {
      subscriptions: [] as unknown[],
      secrets: { get: async () => undefined, onDidChange: () => ({ dispose() {} }) },
      globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    };
    load(recorded).activate(context);
    assert.deepEqual(recorded.providers.sort(), ['registerCodeActionsProvider', 'registerHoverProvider']);
    for (const id of Object.values(CommandIds)) {
      assert.ok(recorded.commands.has(id), `${id} is registered in the web build`);
    }
    await recorded.commands.get(CommandIds.signIn)?.();
    await recorded.commands.get(CommandIds.startPracticeServer)?.();
    assert.equal(recorded.warnings.length, 2);
    assert.match(recorded.warnings[0], /needs VS Code on the desktop/);
    assert.match(recorded.warnings[0], /checks, explains and fixes \.http files only/);
    // Show Log and Explain Error Response are real in the browser too: they do not warn.
    await recorded.commands.get(CommandIds.showLog)?.();
    await recorded.commands.get(CommandIds.explainError)?.({
      text: 'HTTP/1.1 400 Bad Request\n\n{"error":"invalid_grant"}',
    });
    assert.equal(recorded.warnings.length, 2);
  });

  it('sets the context key under which the Tokens view says what works in the browser', () => {
    const recorded = fresh();
    load(recorded).activate({
      subscriptions: [],
      secrets: { get: async () => undefined, onDidChange: () => ({ dispose() {} }) },
      globalState: { get: () => undefined, update: async () => undefined, keys: () => [] },
    });
    assert.deepEqual(
      recorded.executed.find(([id]) => id === 'setContext'),
      ['setContext', WEB_WORKER_CONTEXT_KEY, true],
    );
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      contributes: { viewsWelcome: { when?: string }[] };
    };
    const whens = manifest.contributes.viewsWelcome.map((w) => w.when);
    assert.ok(whens.includes(WEB_WORKER_CONTEXT_KEY), 'a welcome text for the web worker build');
    assert.ok(whens.includes(`!${WEB_WORKER_CONTEXT_KEY}`), 'the desktop welcome text hidden there');
  });
});
