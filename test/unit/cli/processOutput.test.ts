import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fdOutput, WriteToFd } from '../../../src/cli/processOutput';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(code), { code });
}

describe('CLI output written straight to the file descriptor', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wb-cli-output-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes every byte of the text, in order, to a real file', () => {
    const file = path.join(dir, 'out.txt');
    const fd = fs.openSync(file, 'w');
    try {
      const write = fdOutput({ fd, stream: () => assert.fail('no stream'), onClosedPipe: assert.fail });
      write('première ligne\n');
      write('x'.repeat(200_000));
      write('\nfin ✓\n');
    } finally {
      fs.closeSync(fd);
    }
    assert.equal(fs.readFileSync(file, 'utf8'), `première ligne\n${'x'.repeat(200_000)}\nfin ✓\n`);
  });

  // A real descriptor in non-blocking mode that is full cannot be made from Node, so the write is scripted here.
  it('goes on after short writes and hands the rest to the stream once the descriptor is full (EAGAIN)', () => {
    const written: string[] = [];
    const streamed: string[] = [];
    const answers: (number | string)[] = [3, 'EAGAIN'];
    const write: WriteToFd = (_fd, buffer, offset, length) => {
      const answer = answers.shift() ?? length;
      if (typeof answer === 'string') {
        throw errno(answer);
      }
      written.push(Buffer.from(buffer.subarray(offset, offset + answer)).toString());
      return answer;
    };
    const out = fdOutput({
      fd: 1,
      write,
      stream: () => ({ write: (chunk: Uint8Array) => streamed.push(Buffer.from(chunk).toString()) }),
      onClosedPipe: assert.fail,
    });
    out('abcdefgh');
    out('next');
    assert.deepEqual(written, ['abc']);
    assert.deepEqual(
      streamed,
      ['defgh', 'next'],
      'after EAGAIN everything goes through the stream, in order',
    );
  });

  it('stops quietly when the reader has gone (EPIPE, ECONNRESET) and rethrows any other failure', () => {
    let closed = 0;
    const failing = (code: string) =>
      fdOutput({
        fd: 1,
        write: () => {
          throw errno(code);
        },
        stream: () => assert.fail('no stream'),
        onClosedPipe: () => closed++,
      });
    failing('EPIPE')('text');
    assert.equal(closed, 1);
    // A socket pair (the stdout of a child Node spawned with a pipe) reports a closed reader this way.
    failing('ECONNRESET')('text');
    assert.equal(closed, 2);
    assert.throws(() => failing('EIO')('text'), /EIO/);
    assert.equal(closed, 2);
  });
});
