// Entry of the bundled `stackscope` command (a CommonJS bundle, so that bin/stackscope.js can
// run it from V8's code cache: no top-level await here).
import { runCli } from './run';

void runCli(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then((code) => {
  process.exitCode = code;
});
