// Loaded with `node --import` before the CLI: at exit, writes the process's CPU time (user and
// system, every thread, in microseconds) to the file named by STACKSCOPE_CPU_USAGE_FILE.
import { writeFileSync } from 'node:fs';

const out = process.env.STACKSCOPE_CPU_USAGE_FILE;
if (out) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(out, JSON.stringify({ userMicros: u.userCPUTime, systemMicros: u.systemCPUTime, maxRssKiB: u.maxRSS }));
  });
}
