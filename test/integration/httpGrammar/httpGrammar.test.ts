/**
 * The `http` grammar tokenized by VS Code's own TextMate engine (vscode-textmate with vscode-oniguruma, from the
 * running VS Code's install) together with VS Code's JSON grammar, and Toggle Comment on an `http` document.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { repoRoot } from '../../support/paths';
import { activateExtension } from '../support/activateExtension';

interface Token {
  readonly startIndex: number;
  readonly endIndex: number;
  readonly scopes: readonly string[];
}
interface TokenizedLine {
  readonly tokens: readonly Token[];
  readonly ruleStack: unknown;
}
interface TextMateGrammar {
  tokenizeLine(line: string, ruleStack: unknown): TokenizedLine;
}
interface TextMate {
  readonly INITIAL: unknown;
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<unknown>;
  }) => { loadGrammar(scopeName: string): Promise<TextMateGrammar | null> };
  parseRawGrammar(content: string, filePath: string): unknown;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer): Promise<void>;
  OnigScanner: new (patterns: string[]) => unknown;
  OnigString: new (text: string) => unknown;
}

/** VS Code's own copy of a module: `node_modules` next to the workbench (desktop packs it as an asar archive). */
function vscodeModule<T>(name: string): { module: T; dir: string } {
  const load = createRequire(__filename);
  for (const folder of ['node_modules', 'node_modules.asar']) {
    const dir = path.join(vscode.env.appRoot, folder, name);
    if (fs.existsSync(dir)) {
      return { module: load(dir) as T, dir };
    }
  }
  throw new Error(`${name} was not found under ${vscode.env.appRoot}`);
}

const SAMPLE = [
  '@host = https://api.example',
  '# a comment',
  '// another comment',
  '### Get a token',
  'POST {{host}}/oauth2/token HTTP/1.1',
  'Authorization: Bearer {{$auth.token("rabo")}}',
  'Content-Type: application/json',
  '',
  '{"scope": "{{scope}}", "n": 1}',
  '',
  '###',
  'HTTP/1.1 401 Unauthorized',
  'content-type: application/json',
  '',
  '{"error": "invalid_grant"}',
  '###',
  'post {{host}}/oauth2/token',
  '###',
  'Get the token first',
];

describe('http grammar', () => {
  /** `[text, scopes]` of every token of the sample, by line. */
  let lines: [string, string][][];

  before(async () => {
    await activateExtension();
    const tm = vscodeModule<TextMate>('vscode-textmate').module;
    const onig = vscodeModule<Oniguruma>('vscode-oniguruma');
    const wasm = fs.readFileSync(path.join(onig.dir, 'release', 'onig.wasm'));
    await onig.module.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files: Record<string, string> = {
      'source.http': path.join(repoRoot, 'syntaxes', 'http.tmLanguage.json'),
      'source.json': path.join(vscode.env.appRoot, 'extensions', 'json', 'syntaxes', 'JSON.tmLanguage.json'),
    };
    const registry = new tm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new onig.module.OnigScanner(patterns),
        createOnigString: (text: string) => new onig.module.OnigString(text),
      }),
      loadGrammar: (scopeName) => {
        const file = files[scopeName];
        return Promise.resolve(file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null);
      },
    });
    const grammar = await registry.loadGrammar('source.http');
    assert.ok(grammar);
    let state = tm.INITIAL;
    lines = SAMPLE.map((line) => {
      const result = grammar.tokenizeLine(line, state);
      state = result.ruleStack;
      return result.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.join(' ')]);
    });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The scopes of the first token on line `line` whose text is `text`. */
  function scopesOf(line: number, text: string): string {
    const token = lines[line].find(([t]) => t === text);
    assert.ok(token, `no token "${text}" on line ${line}: ${JSON.stringify(lines[line])}`);
    return token[1];
  }

  it('colours file variables, comments and ### separators', () => {
    assert.match(scopesOf(0, 'host'), /variable\.other\.declaration\.http/);
    assert.match(scopesOf(0, '='), /keyword\.operator\.assignment/);
    assert.match(scopesOf(1, ' a comment'), /comment\.line\.number-sign\.http/);
    assert.match(scopesOf(2, ' another comment'), /comment\.line\.double-slash\.http/);
    assert.match(scopesOf(3, '###'), /comment\.line\.separator\.http/);
    assert.match(scopesOf(3, ' Get a token'), /entity\.name\.section\.http/);
  });

  it('colours the request line, headers and {{variables}} including $auth.token(...)', () => {
    assert.match(scopesOf(4, 'POST'), /keyword\.control\.http/);
    assert.match(scopesOf(4, 'host'), /meta\.template\.expression\.http.*variable\.other\.http/);
    assert.match(scopesOf(4, '/oauth2/token'), /string\.unquoted\.url\.http/);
    assert.match(scopesOf(4, 'HTTP/1.1'), /keyword\.other\.version\.http/);
    assert.match(scopesOf(5, 'Authorization'), /entity\.name\.tag\.header\.http/);
    assert.match(scopesOf(5, '$auth.token'), /support\.function\.builtin\.http/);
    assert.match(scopesOf(5, '"rabo"'), /string\.quoted\.double\.http/);
  });

  it('colours a method in small letters only before something that starts like a URL, as the parser reads it', () => {
    assert.match(scopesOf(16, 'post'), /keyword\.control\.http/);
    assert.match(scopesOf(16, '/oauth2/token'), /string\.unquoted\.url\.http/);
    assert.doesNotMatch(lines[18].map(([, scopes]) => scopes).join(' '), /keyword\.control\.http|url\.http/);
  });

  it('hands JSON bodies to VS Code’s JSON grammar and still colours variables in them', () => {
    assert.match(
      scopesOf(8, 'scope'),
      /meta\.embedded\.block\.json\.http.*support\.type\.property-name\.json/,
    );
    assert.match(scopesOf(8, '1'), /constant\.numeric\.json/);
    assert.match(scopesOf(8, '{{'), /string\.quoted\.double\.json.*meta\.template\.expression\.http/);
  });

  it('colours a recorded answer: status line, headers and JSON body', () => {
    assert.match(scopesOf(11, 'HTTP/1.1'), /keyword\.other\.version\.http/);
    assert.match(scopesOf(11, '401'), /constant\.numeric\.status\.http/);
    assert.match(scopesOf(11, 'Unauthorized'), /string\.unquoted\.reason-phrase\.http/);
    assert.match(scopesOf(12, 'content-type'), /entity\.name\.tag\.header\.http/);
    assert.match(scopesOf(14, 'invalid_grant'), /string\.quoted\.double\.json/);
  });

  it('toggles a line comment with # in an http document', async () => {
    // A file of its own, not an untitled document: other suites use untitled documents and their names.
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oauth-workbench-comment-')), 'toggle.http');
    fs.writeFileSync(file, 'GET https://api.example/accounts\n');
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      assert.equal(document.languageId, 'http');
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('editor.action.commentLine');
      assert.equal(document.lineAt(0).text, '# GET https://api.example/accounts');
      await vscode.commands.executeCommand('editor.action.commentLine');
      assert.equal(document.lineAt(0).text, 'GET https://api.example/accounts');
      await document.save();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
  });
});
