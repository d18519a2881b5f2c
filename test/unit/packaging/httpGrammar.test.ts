/**
 * The `http` grammar and language configuration as files: the contributions point at them, the grammar's regexes
 * compile (they are written in the part of Oniguruma that JavaScript shares) and every rule it includes exists. The
 * tokens themselves are checked with VS Code's own TextMate engine in the integration suite.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../support/paths';

interface Contributions {
  readonly languages: readonly { id: string; configuration?: string }[];
  readonly grammars?: readonly { language: string; scopeName: string; path: string }[];
}

interface Rule {
  readonly match?: string;
  readonly begin?: string;
  readonly end?: string;
  readonly include?: string;
  readonly patterns?: readonly Rule[];
  readonly captures?: Record<string, Rule>;
  readonly beginCaptures?: Record<string, Rule>;
  readonly endCaptures?: Record<string, Rule>;
}

interface Grammar extends Rule {
  readonly scopeName: string;
  readonly repository: Record<string, Rule>;
  readonly injections?: Record<string, Rule>;
}

const contributes = (
  JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { contributes: Contributions }
).contributes;

function readJson<T>(relative: string): T {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, relative), 'utf8')) as T;
}

/** Every rule in the grammar, nested ones and capture rules included. */
function allRules(grammar: Grammar): Rule[] {
  const rules: Rule[] = [];
  const visit = (rule: Rule) => {
    rules.push(rule);
    for (const child of rule.patterns ?? []) {
      visit(child);
    }
    for (const captures of [rule.captures, rule.beginCaptures, rule.endCaptures]) {
      for (const capture of Object.values(captures ?? {})) {
        visit(capture);
      }
    }
  };
  visit(grammar);
  for (const rule of [...Object.values(grammar.repository), ...Object.values(grammar.injections ?? {})]) {
    visit(rule);
  }
  return rules;
}

describe('http grammar and language configuration', () => {
  const language = contributes.languages.find((l) => l.id === 'http');
  const grammarEntry = contributes.grammars?.find((g) => g.language === 'http');

  it('are contributed for the http language and exist', () => {
    assert.ok(language?.configuration, 'the http language names a configuration');
    assert.ok(grammarEntry, 'a grammar is contributed for http');
    assert.ok(fs.existsSync(path.join(repoRoot, language.configuration)));
    assert.ok(fs.existsSync(path.join(repoRoot, grammarEntry.path)));
    assert.equal(readJson<Grammar>(grammarEntry.path).scopeName, grammarEntry.scopeName);
    // REST Client and httpYac use the same scope name, so injections written for either apply to this one too.
    assert.equal(grammarEntry.scopeName, 'source.http');
  });

  it('makes # the line comment, so Toggle Comment works', () => {
    const config = readJson<{ comments?: { lineComment?: string } }>(language?.configuration ?? '');
    assert.equal(config.comments?.lineComment, '#');
  });

  it('has regexes that compile and includes that resolve', () => {
    const grammar = readJson<Grammar>(grammarEntry?.path ?? '');
    const rules = allRules(grammar);
    let regexes = 0;
    for (const rule of rules) {
      for (const source of [rule.match, rule.begin, rule.end]) {
        if (source !== undefined) {
          assert.doesNotThrow(() => new RegExp(source), source);
          regexes++;
        }
      }
      const include = rule.include;
      if (include?.startsWith('#')) {
        assert.ok(grammar.repository[include.slice(1)], `${include} is in the repository`);
      } else if (include !== undefined) {
        assert.equal(include, 'source.json', 'the only other grammar used is VS Code’s JSON');
      }
    }
    assert.ok(regexes >= 10, `${regexes} regexes checked`);
  });
});
