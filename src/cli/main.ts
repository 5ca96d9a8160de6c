// Entry of the bundled `stackscope` command.
import { setPlatformInflate } from '../parse/inflateNative';
import { runCli } from './run';
import { zlibInflate } from './zlibInflate';

setPlatformInflate(zlibInflate);
// `stackscope top FILE | head`: the reader has gone, which is no error of ours.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
});
