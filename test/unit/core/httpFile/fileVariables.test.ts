import * as assert from 'node:assert/strict';
import {
  ExpansionLimits,
  VariableExpander,
  expandVariables,
  nextReference,
} from '../../../../src/core/httpFile/fileVariables';

const LIMITS: ExpansionLimits = { maxLength: 1024, maxDepth: 4 };

function lookupOf(variables: Record<string, string>): (name: string) => string | undefined {
  return (name) => (Object.hasOwn(variables, name) ? variables[name] : undefined);
}

describe('expandVariables', () => {
  it('replaces known references, with blanks inside the braces, and leaves unknown and system ones as written', () => {
    const lookup = lookupOf({ host: 'https://a.example', path: '/token' });
    assert.deepEqual(
      expandVariables('{{host}}{{ path }}?x={{unknown}}&t={{$auth.token("p")}}', lookup, LIMITS),
      {
        text: 'https://a.example/token?x={{unknown}}&t={{$auth.token("p")}}',
        tooDeep: false,
      },
    );
    assert.deepEqual(expandVariables('{{{host}}} {{ }} {{host', lookup, LIMITS), {
      text: '{https://a.example} {{ }} {{host',
      tooDeep: false,
    });
  });

  it('replaces as many levels as the limit allows and says when it left a deeper reference as written', () => {
    const lookup = lookupOf({ a: '{{b}}1', b: '{{c}}2', c: '{{d}}3', d: '{{e}}4', e: '5' });
    assert.deepEqual(expandVariables('{{a}}', lookup, LIMITS), { text: '{{e}}4321', tooDeep: true });
    assert.deepEqual(expandVariables('{{b}}', lookup, LIMITS), { text: '5432', tooDeep: false });
    assert.deepEqual(expandVariables('{{a}}', lookup, { maxLength: 1024, maxDepth: 5 }), {
      text: '54321',
      tooDeep: false,
    });
  });

  it('stops at the depth limit on a variable that refers to itself or to one that refers back', () => {
    const lookup = lookupOf({ self: '{{self}}x', ping: '{{pong}}', pong: '{{ping}}' });
    assert.deepEqual(expandVariables('{{self}}', lookup, LIMITS), { text: '{{self}}xxxx', tooDeep: true });
    assert.deepEqual(expandVariables('{{ping}}', lookup, LIMITS), { text: '{{ping}}', tooDeep: true });
  });

  it('gives up an expansion longer than the limit without building it', () => {
    const variables: Record<string, string> = { d30: 'abcdefgh' };
    for (let i = 0; i < 30; i++) {
      variables[`d${i}`] = `{{d${i + 1}}}{{d${i + 1}}}`;
    }
    variables.fan = '{{fan2}}'.repeat(1000);
    variables.fan2 = '{{fan3}}'.repeat(1000);
    variables.fan3 = '{{fan4}}'.repeat(1000);
    variables.fan4 = '0123456789';
    const lookup = lookupOf(variables);
    const deep = { maxLength: 1 << 20, maxDepth: 40 };
    assert.deepEqual(expandVariables('{{d0}}', lookup, deep), { text: undefined, tooDeep: false });
    assert.equal(expandVariables('{{fan}}', lookup, LIMITS).text, undefined);
    assert.equal(expandVariables(`{{d20}}`, lookup, deep).text, 'abcdefgh'.repeat(1024));
    // At the limit exactly is still an expansion.
    assert.equal(expandVariables('{{d23}}', lookup, { maxLength: 1024, maxDepth: 8 }).text?.length, 1024);
    assert.equal(expandVariables('{{d23}}x', lookup, { maxLength: 1024, maxDepth: 8 }).text, undefined);
    assert.equal(expandVariables('x'.repeat(1025), lookup, LIMITS).text, undefined);
  });

  it('expands each variable once per level however many texts refer to it', () => {
    const calls = new Map<string, number>();
    const values: Record<string, string> = {
      big: '{{mid}}'.repeat(100),
      mid: '{{leaf}}',
      leaf: 'x',
      huge: 'h'.repeat(1 << 20),
    };
    const expander = new VariableExpander((name) => {
      calls.set(name, (calls.get(name) ?? 0) + 1);
      return values[name];
    }, LIMITS);
    for (let i = 0; i < 10_000; i++) {
      assert.equal(expander.expand(`https://{{big}}/${i}`).text, `https://${'x'.repeat(100)}/${i}`);
      assert.equal(expander.expand(`https://{{huge}}/${i}`).text, undefined);
    }
    assert.deepEqual(Object.fromEntries(calls), { big: 1, mid: 1, leaf: 1, huge: 1 });
  });
});

describe('nextReference', () => {
  it('finds each reference once, in order, with its offsets', () => {
    const text = 'a{{x}}b{{ y.z-1$ }}{{$guid}}{{{w}}';
    const found = [];
    for (let r = nextReference(text, 0); r; r = nextReference(text, r.end)) {
      found.push([r.start, r.end, r.name]);
    }
    assert.deepEqual(found, [
      [1, 6, 'x'],
      [7, 19, 'y.z-1$'],
      [19, 28, '$guid'],
      [29, 34, 'w'],
    ]);
  });
});
