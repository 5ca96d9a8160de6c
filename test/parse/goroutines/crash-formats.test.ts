// Crash output the installed Go 1.19 does not print, written by hand from the runtime source
// (runtime/panic.go printpanics / printpanicval / printindented, fatalthrow; signal_unix.go
// sighandler; traceback.go goroutineheader): Go 1.21+ "gp= m=" headers, Go 1.25's
// "[recovered, repanicked]" (announced as "reraised"), multi-line panic values, goexit chains,
// runtime diagnostics and "runtime stack:", GOTRACEBACK=crash's SIGABRT and register dumps,
// deadlocks, SIGQUIT relays, and an exit by signal.
import { describe, expect, it } from 'vitest';
import { GoroutineFlag } from '../../../src/model/goroutines';
import { parseGoroutineText } from '../../../src/parse/goroutines';
import { enc } from './summary';

const parse = (text: string) => parseGoroutineText(enc(text));

describe('crash output of newer runtimes', () => {
  it('a fatal signal under GOTRACEBACK=system: runtime stack frames, gp= m= headers', () => {
    const d = parse(`fatal error: unexpected signal during runtime execution
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4011d2]

runtime stack:
runtime.throw({0x4b2c5e?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1023 +0x5c fp=0x7ffc6b6b5d08 sp=0x7ffc6b6b5cd8 pc=0x43a37c
runtime.sigpanic()
	/usr/local/go/src/runtime/signal_unix.go:895 +0x285 fp=0x7ffc6b6b5d68 sp=0x7ffc6b6b5d08 pc=0x452305

goroutine 1 gp=0xc0000061c0 m=0 mp=0x5a3760 [running]:
main.main()
	/app/main.go:12 +0x1d fp=0xc000072f50 sp=0xc000072f20 pc=0x465d05

goroutine 2 gp=0xc000006c40 m=nil [force gc (idle)]:
runtime.gopark(0x0?, 0x0?, 0x0?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/proc.go:402 +0xce fp=0xc000060fa8 sp=0xc000060f88 pc=0x43d74e
exit status 2
`);
    expect(d.unparsed.count).toBe(0);
    expect(d.skipped!.count).toBe(0);
    expect(d.total).toBe(2);
    const c = d.crash!;
    expect(c.kind).toBe('fatal');
    expect(c.fatal).toEqual([{ message: 'unexpected signal during runtime execution', line: 1 }]);
    expect(c.signal).toEqual({ line: 2, name: 'SIGSEGV', description: 'segmentation violation', code: '0x1', addr: '0x0', pc: '0x4011d2' });
    expect(c.runtimeStacks).toEqual([{ line: 4, endLine: 8, frames: 2 }]);
    expect(c.goroutine).toEqual({ row: 0, id: 1, line: 10, reason: 'first-running' });
    expect(c.exitStatus).toEqual({ code: 2, line: 17 });
    // The runtime stack's frames are not a goroutine's.
    expect(d.profile.samples.length).toBe(2);
  });

  it('Go 1.25+: a value re-raised after recover prints once, "[recovered, repanicked]" (or "reraised")', () => {
    for (const marker of ['repanicked', 'reraised']) {
      const d = parse(`panic: boom [recovered, ${marker}]

goroutine 1 [running]:
main.main.func1()
	/app/main.go:9 +0x45
panic({0x48f2a0?, 0x4c4e60?})
	/usr/local/go/src/runtime/panic.go:785 +0x132
main.main()
	/app/main.go:11 +0x25
exit status 2
`);
      expect(d.crash!.panics).toEqual([{ message: 'boom', line: 1, recovered: true, repanicked: true }]);
      expect(d.crash!.goroutine?.id).toBe(1);
    }
  });

  it('a multi-line panic value: further lines (tab-indented by printindented) join its message', () => {
    const d = parse(`panic: first line
	second line
	third line [recovered]
	panic: again

goroutine 1 [running]:
main.main()
	/app/main.go:3 +0x1
`);
    expect(d.crash!.panics).toEqual([
      { message: 'first line\nsecond line\nthird line', line: 1, recovered: true, repanicked: false },
      { message: 'again', line: 4, recovered: false, repanicked: false },
    ]);
    expect(d.crash!.lines.map((l) => l.kind)).toEqual(['panic', 'panic-continued', 'panic-continued', 'panic']);
    expect(d.skipped!.count).toBe(0);
  });

  it('a chain through Goexit prints its next panic without a tab', () => {
    const d = parse(`panic: first [recovered]
panic: second

goroutine 6 [running]:
main.f()
	/app/main.go:3 +0x1
`);
    expect(d.crash!.panics.map((p) => [p.message, p.recovered])).toEqual([
      ['first', true],
      ['second', false],
    ]);
  });

  it('runtime: diagnostics before a fatal error, and the elided stack of a stack overflow', () => {
    const d = parse(`runtime: goroutine stack exceeds 1000000000-byte limit
runtime: sp=0xc020160398 stack=[0xc020160000, 0xc040160000]
fatal error: stack overflow

runtime stack:
runtime.throw({0x4a0a8f?, 0x5c9b00?})
	/usr/local/go/src/runtime/panic.go:1047 +0x5d fp=0x7ffd2a4e1a40 sp=0x7ffd2a4e1a10 pc=0x43347d
runtime.newstack()
	/usr/local/go/src/runtime/stack.go:1103 +0x5cc fp=0x7ffd2a4e1bf8 sp=0x7ffd2a4e1a40 pc=0x44bd0c
runtime.morestack()
	/usr/local/go/src/runtime/asm_amd64.s:570 +0x8b fp=0x7ffd2a4e1c00 sp=0x7ffd2a4e1bf8 pc=0x45f3ab

goroutine 1 [running]:
main.f()
	/app/main.go:3 +0x3a fp=0xc0201603a8 sp=0xc0201603a0 pc=0x4556ba
main.f()
	/app/main.go:4 +0x3f fp=0xc0201603c8 sp=0xc0201603a8 pc=0x4556bf
...additional frames elided...
`);
    const c = d.crash!;
    expect(c.runtime).toEqual([
      { message: 'goroutine stack exceeds 1000000000-byte limit', line: 1 },
      { message: 'sp=0xc020160398 stack=[0xc020160000, 0xc040160000]', line: 2 },
    ]);
    expect(c.fatal).toEqual([{ message: 'stack overflow', line: 3 }]);
    expect(c.runtimeStacks).toEqual([{ line: 5, endLine: 11, frames: 3 }]);
    expect(c.goroutine).toEqual({ row: 0, id: 1, line: 13, reason: 'first-running' });
    expect(d.unparsed.count).toBe(0);
  });

  it('GOTRACEBACK=crash: SIGABRT right after the last frame ends it, registers follow; the cause stays the panic', () => {
    const d = parse(`panic: boom

goroutine 1 gp=0xc000002380 m=0 mp=0x5a3760 [running]:
panic({0x48f2a0?, 0x4c4e60?})
	/usr/local/go/src/runtime/panic.go:785 +0x132 fp=0xc000072f20 sp=0xc000072e70 pc=0x4360d2
main.main()
	/app/main.go:4 +0x25 fp=0xc000072f50 sp=0xc000072f20 pc=0x465d05
SIGABRT: abort
PC=0x46a1e1 m=0 sigcode=18446744073709551610

goroutine 0 gp=0x5a2c40 m=0 mp=0x5a3760 [idle]:
runtime.raise()
	/usr/local/go/src/runtime/sys_linux_amd64.s:154 +0x21 fp=0x7ffe2b3f1a28 sp=0x7ffe2b3f1a20 pc=0x46a1e1
rax    0x0
rbx    0x6
rip    0x46a1e1
rflags 0x246
signal: aborted (core dumped)
`);
    expect(d.unparsed.count).toBe(0);
    expect(d.truncated).toBe(false);
    const c = d.crash!;
    expect(c.kind).toBe('panic');
    expect(c.signal).toBeUndefined();
    expect(c.raised).toEqual({ line: 8, name: 'SIGABRT', description: 'abort', pc: '0x46a1e1', m: '0', code: '18446744073709551610' });
    expect(c.registers).toEqual([{ line: 14, endLine: 17, count: 4 }]);
    expect(c.exitSignal).toEqual({ text: 'aborted (core dumped)', line: 18 });
    expect(c.goroutine).toEqual({ row: 0, id: 1, line: 3, reason: 'first-running' });
    // Both goroutines keep their frames; neither is taken as cut.
    expect(d.goroutines!.flags.every((f) => (f & GoroutineFlag.Cut) === 0)).toBe(true);
    expect(d.profile.samples.stackStart[2]).toBe(3);
  });

  it('a deadlock: the scheduler threw, so no goroutine is named as the one that crashed', () => {
    const d = parse(`fatal error: all goroutines are asleep - deadlock!

goroutine 1 [chan receive]:
main.main()
	/app/main.go:5 +0x2d
exit status 2
`);
    expect(d.crash!.kind).toBe('fatal');
    expect(d.crash!.goroutine).toBeUndefined();
  });

  it('a fatal error whose first goroutine is not running: the one whose stack holds the throw', () => {
    const d = parse(`fatal error: sync: unlock of unlocked mutex

goroutine 3 [semacquire]:
main.wait()
	/app/main.go:3 +0x1

goroutine 7 [syscall]:
runtime.throw({0x4b2c5e?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1023 +0x5c
sync.fatal({0x4b2c5e?, 0x0?})
	/usr/local/go/src/runtime/panic.go:1030 +0x18
main.unlock()
	/app/main.go:9 +0x1
`);
    expect(d.crash!.goroutine).toEqual({ row: 1, id: 7, line: 7, reason: 'holds-throw' });
  });

  it('SIGQUIT relayed to each thread ("-----"): one signal, where it first arrived', () => {
    const d = parse(`SIGQUIT: quit
PC=0x46b2a1 m=0 sigcode=0

goroutine 0 [idle]:
runtime.futex(0x5c2c58, 0x80, 0x0, 0x0, 0x0, 0x0)
	/usr/local/go/src/runtime/sys_linux_amd64.s:557 +0x21

-----

SIGQUIT: quit
PC=0x46b2a3 m=2 sigcode=0

goroutine 0 [idle]:
runtime.usleep(0x2710)
	/usr/local/go/src/runtime/sys_linux_amd64.s:135 +0x21
`);
    const c = d.crash!;
    expect(c.kind).toBe('signal');
    expect(c.signal).toEqual({ line: 1, name: 'SIGQUIT', description: 'quit', pc: '0x46b2a1', m: '0', code: '0' });
    expect(c.raised).toBeUndefined();
    expect(c.lines.map((l) => [l.line, l.kind])).toEqual([
      [1, 'signal-name'],
      [2, 'signal-pc'],
      [8, 'separator'],
      [10, 'signal-name'],
      [11, 'signal-pc'],
    ]);
    expect(c.goroutine).toEqual({ row: 0, id: 0, line: 4, reason: 'signal' });
  });

  it('"exit status 2" without a final line feed right after a frame ends the dump, not a cut goroutine', () => {
    const d = parse('panic: x\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:3 +0x1\nexit status 2');
    expect(d.truncated).toBe(false);
    expect(d.crash!.exitStatus).toEqual({ code: 2, line: 6 });
  });

  it('log lines before the panic stay log lines, and text that is no crash output is no crash', () => {
    const d = parse(`I1203 13:03:38.504410       1 server.go:12] starting
2026/12/03 13:03:38 handler for /orders/42 panicked: order 42 not found
panic: order 42 not found

goroutine 1 [running]:
main.main()
	/app/main.go:3 +0x1
`);
    expect(d.skipped).toEqual({ count: 2, firstLines: [1, 2] });
    expect(d.crash!.panics.map((p) => p.line)).toEqual([3]);
    const plain = parse('some log line\n\ngoroutine 1 [running]:\nmain.main()\n\t/app/main.go:3 +0x1\n');
    expect(plain.crash).toBeUndefined();
    expect(plain.skipped).toEqual({ count: 1, firstLines: [1] });
  });

  it('registers are crash output only after a signal: a lower-case "name 0x.." log line is a log line', () => {
    const d = parse('goroutine 1 [running]:\nmain.main()\n\t/app/main.go:3 +0x1\n\nrax    0x0\n');
    expect(d.crash).toBeUndefined();
    expect(d.skipped).toEqual({ count: 1, firstLines: [5] });
  });
});
