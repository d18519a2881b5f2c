// Command-line options of the bench scripts: `--help` prints the usage, an unknown option gets one line and exit 2
// instead of a stack trace.
import { parseArgs } from 'node:util';

/** The parsed option values for `options` (parseArgs' form); `usage` is printed for `--help`. */
export function benchOptions(options, usage) {
  let values;
  try {
    ({ values } = parseArgs({ options: { ...options, help: { type: 'boolean', default: false } } }));
  } catch (err) {
    process.stderr.write(`${err.message}; --help lists the options.\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    process.exit(0);
  }
  return values;
}
