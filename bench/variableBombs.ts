/**
 * A hostile `.http` document: file variables built to blow up when expanded, and many requests whose URLs use them.
 * The benchmark lints it to show that linting stays linear whatever a file's variables do; the unit tests lint smaller
 * ones. Deterministic: the same size gives the same text.
 *
 * Each unit has variables of its own (so nothing one unit expands helps the next) of five kinds:
 * - doubling: `@d0 = {{d1}}{{d1}}`, `@d1 = {{d2}}{{d2}}` … 30 levels, 2^30 copies of the last value if expanded fully;
 * - fan-out: `@fa = {{fb}}` 100 times, `@fb = {{fc}}` 100 times … 4 levels: each level a hundred times longer;
 * - a long chain: `@c0 = {{c1}}/a`, `@c1 = {{c2}}/a` … 60 levels;
 * - a variable that refers to itself, and two that refer to each other;
 * - a value that is long already, referred to from URLs many times.
 * Requests use every level of them, and most use the fan-out's last level but one, which expands to just under the
 * cap the linter puts on a URL: the most expansion a request line can buy.
 */
export function generateVariableBombs(size: number): string {
  const parts: string[] = [];
  let length = 0;
  for (let unit = 0; length < size; unit++) {
    const part = bombUnit(`u${unit}`);
    parts.push(part);
    length += part.length;
  }
  return parts.join('');
}

function bombUnit(u: string): string {
  const lines: string[] = [];
  const DOUBLING = 30;
  for (let i = 0; i < DOUBLING; i++) {
    lines.push(`@${u}d${i} = {{${u}d${i + 1}}}{{${u}d${i + 1}}}`);
  }
  lines.push(`@${u}d${DOUBLING} = abcdefgh`);
  const FAN = ['fa', 'fb', 'fc', 'fd', 'fe'];
  for (let i = 0; i + 1 < FAN.length; i++) {
    lines.push(`@${u}${FAN[i]} = ${`{{${u}${FAN[i + 1]}}}`.repeat(100)}`);
  }
  lines.push(`@${u}fe = 0123456789`);
  const CHAIN = 60;
  for (let i = 0; i < CHAIN; i++) {
    lines.push(`@${u}c${i} = {{${u}c${i + 1}}}/a`);
  }
  lines.push(`@${u}c${CHAIN} = https://auth.example.com`);
  lines.push(`@${u}self = {{${u}self}}{{${u}self}}x`);
  lines.push(`@${u}ping = {{${u}pong}}{{${u}pong}}`);
  lines.push(`@${u}pong = {{${u}ping}}{{${u}ping}}`);
  lines.push(`@${u}long = https://${'h'.repeat(4000)}.example`);
  lines.push('');
  const targets = [
    `${u}d0`,
    `${u}d${DOUBLING - 4}`,
    `${u}d${DOUBLING - 3}`,
    `${u}fa`,
    `${u}fb`,
    `${u}c0`,
    `${u}c${CHAIN - 3}`,
    `${u}self`,
    `${u}ping`,
    `${u}long`,
  ];
  for (const target of targets) {
    lines.push('###', `POST https://{{${target}}}/oauth/token`, '');
  }
  for (let i = 0; i < 400; i++) {
    lines.push('###', `GET https://{{${u}fd}}/${i}`);
  }
  lines.push('');
  return lines.join('\n');
}
