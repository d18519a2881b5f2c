/**
 * Builds the `.http` documents the benchmark lints: blocks cut from the fixture corpus (every error family, every
 * syntax) interleaved with ordinary requests and success responses, as a long working file mixes them. Deterministic
 * for a seed, so every run and every tool reads the same text.
 */

/** What to build the corpus from and how big to make it. */
export interface HttpCorpusOptions {
  /** Texts of `.http` fixtures; each is cut at its `###` lines and its `# expect:` lines are dropped. */
  readonly fixtures: readonly string[];
  /** Size to reach in UTF-16 code units (the corpus is ASCII apart from what the fixtures bring). */
  readonly size: number;
  readonly seed: number;
}

/** A corpus of at least `size` characters, ending on a whole block. */
export function generateHttpCorpus(options: HttpCorpusOptions): string {
  const random = mulberry32(options.seed);
  const blocks = shuffle(options.fixtures.flatMap(fixtureBlocks), random);
  if (blocks.length === 0) {
    throw new Error('generateHttpCorpus needs at least one fixture block');
  }
  const parts: string[] = [];
  // How often each block text was taken: a block taken again gets a numbered separator line, so no two blocks of the
  // corpus are the same text. The editor's incremental linter diagnoses identical blocks only once, which real files
  // (whose blocks differ at least in a name or a value) would not let it do.
  const taken = new Map<string, number>();
  let length = 0;
  let next = 0;
  while (length < options.size) {
    // About half of a working file is ordinary traffic; the rest are recorded errors and pre-flight mistakes.
    const block =
      random() < 0.5 ? ordinaryBlock(random) : blocks[next++ % blocks.length].replace(/\n*$/, '\n\n');
    const copy = (taken.get(block) ?? 0) + 1;
    taken.set(block, copy);
    const part = copy === 1 ? block : block.replace(/^(\s*###[^\r\n]*)/, `$1 (copy ${copy})`);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

/** The `###` blocks of one fixture (the lines before the first separator included), without `# expect:` lines. */
export function fixtureBlocks(text: string): string[] {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/(?<=\n)/)
    .filter((line) => !/^# expect: /.test(line));
  const blocks: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (/^\s*###/.test(line) && current.length > 0) {
      blocks.push(current.join(''));
      current = [];
    }
    current.push(line);
  }
  if (current.length > 0) {
    blocks.push(current.join(''));
  }
  return blocks
    .filter((b) => b.trim() !== '')
    .map((b) => (/^\s*###/.test(b) ? b : `### preamble\n${b}`))
    .map((b) => (b.endsWith('\n') ? b : `${b}\n`));
}

const HOSTS = ['api.example.com', 'api-sandbox.rabobank.nl', 'graph.microsoft.com', 'www.googleapis.com'];
const PATHS = [
  '/v1/accounts',
  '/v1/payments/sepa',
  '/openapi/sandbox/payments/account-information/ais/v4/accounts',
];
const WORDS = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];

/** A request with headers, sometimes a JSON body, often followed by a 200 response with a JSON body. */
function ordinaryBlock(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const id = Math.floor(random() * 1e6);
  const post = random() < 0.4;
  const lines = [
    `### ${pick(WORDS)} ${id}`,
    `${post ? 'POST' : 'GET'} https://${pick(HOSTS)}${pick(PATHS)}/${id}?page=${id % 7}&size=50`,
    'Accept: application/json',
    'Authorization: Bearer {{accessToken}}',
    `X-Request-ID: ${id}-${pick(WORDS)}`,
  ];
  if (post) {
    lines.push('Content-Type: application/json', '', jsonObject(random, pick, 2));
  }
  if (random() < 0.7) {
    lines.push('', 'HTTP/1.1 200 OK', 'Content-Type: application/json', '', jsonObject(random, pick, 3));
  }
  lines.push('', '');
  return lines.join('\n');
}

function jsonObject(random: () => number, pick: <T>(items: readonly T[]) => T, depth: number): string {
  const members: string[] = [];
  const count = 2 + Math.floor(random() * 4);
  for (let i = 0; i < count; i++) {
    const key = `"${pick(WORDS)}${i}"`;
    const r = random();
    if (depth > 1 && r < 0.25) {
      members.push(`  ${key}: ${jsonObject(random, pick, depth - 1).replace(/\n/g, '\n  ')}`);
    } else if (r < 0.5) {
      members.push(`  ${key}: ${Math.floor(random() * 100000) / 100}`);
    } else if (r < 0.6) {
      members.push(`  ${key}: ${random() < 0.5}`);
    } else {
      members.push(`  ${key}: "${pick(WORDS)} ${pick(WORDS)}"`);
    }
  }
  return `{\n${members.join(',\n')}\n}`;
}

function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** A small seeded PRNG (mulberry32): the same seed gives the same corpus on every machine. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
