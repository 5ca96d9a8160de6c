// Hand-written debug=2 inputs for the variants the real fixtures do not cover: newer runtime
// output, crash dumps, dumps pasted from logs, and inputs cut anywhere.
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/model/errors';
import { GoroutineLabel } from '../../../src/model/goroutines';
import { parseDebug2, parseGoroutineText, sniffGoroutineText } from '../../../src/parse/goroutines';
import { sampleLabels } from '../../support/dump-goroutines';
import { enc, summarize } from './summary';

const parse = (text: string) => parseGoroutineText(enc(text));

const SIMPLE = `goroutine 1 [running]:
main.main()
	/app/main.go:12 +0x1d

goroutine 7 [chan receive, 3 minutes]:
main.worker(0xc000012345, {0x4b4e60, 0xc00001c030})
	/app/worker.go:40 +0x85
created by main.main in goroutine 1
	/app/main.go:10 +0x2f
`;

describe('debug=2 basics', () => {
  it('reads ids, states, minutes, frames and creators', () => {
    const d = parse(SIMPLE);
    expect(d.format).toBe('debug2');
    expect(d.total).toBe(2);
    expect(d.truncated).toBe(false);
    expect(d.unparsed.count).toBe(0);
    expect(summarize(d)).toEqual([
      {
        id: 1, state: 'running', minutes: -1, flags: [], frames: ['main.main  /app/main.go:12'], createdBy: null,
        creatorId: -1, elided: 0, ancestors: [], line: 1, offset: 0,
      },
      {
        id: 7, state: 'chan receive', minutes: 3, flags: [], frames: ['main.worker  /app/worker.go:40'],
        createdBy: 'main.main  /app/main.go:10', creatorId: 1, elided: 0, ancestors: [], line: 5, offset: SIMPLE.indexOf('goroutine 7'),
      },
    ]);
  });

  it('builds a goroutine profile: one sample of value 1 per goroutine, labelled with state and minutes', () => {
    const d = parse(SIMPLE);
    const p = d.profile;
    expect(p.sampleTypes).toEqual([{ type: 'goroutine', unit: 'count' }]);
    expect(p.periodType).toEqual({ type: 'goroutine', unit: 'count' });
    expect(p.period).toBe(1);
    expect([...p.samples.values[0]!]).toEqual([1, 1]);
    expect(sampleLabels(p, 0)).toEqual([`${GoroutineLabel.state}="running"`]);
    expect(sampleLabels(p, 1)).toEqual([`${GoroutineLabel.state}="chan receive"`, `${GoroutineLabel.waitMinutes}=3 minutes`]);
  });

  it('shares one location per function and line across goroutines', () => {
    const one = 'goroutine 5 [select]:\nmain.loop(0x1)\n\t/app/loop.go:9 +0x10\nmain.main()\n\t/app/main.go:3 +0x5\n\n';
    const d = parse(one + one.replace('goroutine 5', 'goroutine 6').replace('0x1)', '0x2)').replace('+0x10', '+0x11'));
    expect(d.profile.locations.length).toBe(2);
    expect([...d.profile.samples.stack]).toEqual([0, 1, 0, 1]);
    expect(d.profile.functions.length).toBe(2);
  });

  it('accepts CRLF line ends and a missing final line feed', () => {
    const crlf = SIMPLE.replace(/\n/g, '\r\n').replace(/\r\n$/, '');
    const d = parse(crlf);
    expect(summarize(d)).toEqual(summarize(parse(SIMPLE)).map((g, i) => ({ ...g, offset: i === 1 ? crlf.indexOf('goroutine 7') : g.offset })));
    expect(d.truncated).toBe(false);
  });
});

describe('header variants', () => {
  it('reads the gp= m= mp= prefix (GOTRACEBACK=system, Go 1.22+ crashes) and m=nil', () => {
    const d = parse(
      'goroutine 1 gp=0xc000002380 m=0 mp=0x5c0e40 [running]:\nmain.main()\n\t/a.go:1 +0x1\n\n' +
        'goroutine 18 gp=0xc000102fc0 m=nil [select, 2 minutes]:\nmain.f()\n\t/a.go:2 +0x1\n',
    );
    expect(summarize(d).map((g) => [g.id, g.state, g.minutes])).toEqual([
      [1, 'running', -1],
      [18, 'select', 2],
    ]);
  });

  it('reads (scan), minutes, locked to thread and synctest group / bubble', () => {
    const d = parse(
      'goroutine 3 [chan send (scan), 12 minutes, locked to thread]:\nmain.f()\n\t/a.go:1 +0x1\n\n' +
        'goroutine 4 [chan receive, synctest group 3]:\nmain.g()\n\t/a.go:2 +0x1\n\n' +
        'goroutine 5 [select (durable), 1 minutes, synctest bubble 9]:\nmain.h()\n\t/a.go:3 +0x1\n',
    );
    expect(summarize(d).map((g) => [g.id, g.state, g.minutes, g.flags])).toEqual([
      [3, 'chan send', 12, ['locked', 'scan']],
      [4, 'chan receive', -1, ['synctest']],
      [5, 'select (durable)', 1, ['synctest']],
    ]);
  });

  it('takes unknown wait reasons as states', () => {
    const d = parse('goroutine 9 [GC weak to strong wait]:\nmain.f()\n\t/a.go:1 +0x1\n\ngoroutine 10 [some future reason (idle)]:\nmain.f()\n\t/a.go:1 +0x1\n');
    expect(summarize(d).map((g) => g.state)).toEqual(['GC weak to strong wait', 'some future reason (idle)']);
    expect(d.unparsed.count).toBe(0);
  });

  it('skips goroutine label blocks of Go 1.27 tracebacklabels headers, in or after the brackets', () => {
    const d = parse(
      'goroutine 8 [running labels:{"foobar": "baz"}]:\nmain.f()\n\t/a.go:1 +0x1\n\n' +
        'goroutine 9 [select, 2 minutes] {pattern: "GET /x]: {y}", "n": "1, 5 minutes"}:\nmain.f()\n\t/a.go:1 +0x1\n\n' +
        'goroutine 10 [chan receive, labels:{"a": "b\\"]"}, locked to thread]:\nmain.f()\n\t/a.go:1 +0x1\n',
    );
    expect(summarize(d).map((g) => [g.id, g.state, g.minutes, g.flags, g.frames.length])).toEqual([
      [8, 'running', -1, [], 1],
      [9, 'select', 2, [], 1],
      [10, 'chan receive', -1, ['locked'], 1],
    ]);
    expect(d.unparsed.count).toBe(0);
  });

  it('ignores header attributes it does not know', () => {
    const d = parse('goroutine 9 [select, 4 minutes, new attribute 7]:\nmain.f()\n\t/a.go:1 +0x1\n');
    expect(summarize(d).map((g) => [g.state, g.minutes])).toEqual([['select', 4]]);
  });
});

describe('frame variants', () => {
  it('reads every argument style and names with (*T), closures and generics [...]', () => {
    const d = parse(`goroutine 1 [running]:
example.com/tree.(*Tree[...]).Insert(0xc0000a6000, {0x4b4e60, 0xc00001c030}, ...)
	/src/tree.go:40 +0x85
example.com/tree.Map[...]({0xc0000a6000?, 0x2?, 0x3?}, _)
	/src/tree.go:12 +0x2b
main.main.func1.2(...)
	/src/main.go:9
panic({0x4a5f20, 0x4e9db0})
	/usr/local/go/src/runtime/panic.go:914 +0x21f
main.old(0x4124060, 0xc000010018, 0x1000000000030)
	/src/main.go:3 +0x9f
type:.eq.[2]interface {}(0xc000010000, 0xc000010020)
	<autogenerated>:1 +0x4a
`);
    expect(summarize(d)[0]!.frames).toEqual([
      'example.com/tree.(*Tree[...]).Insert  /src/tree.go:40',
      'example.com/tree.Map[...]  /src/tree.go:12',
      'main.main.func1.2  /src/main.go:9',
      'panic  /usr/local/go/src/runtime/panic.go:914',
      'main.old  /src/main.go:3',
      'type:.eq.[2]interface {}  <autogenerated>:1',
    ]);
    expect(d.unparsed.count).toBe(0);
  });

  it('reads Windows paths and the fp= sp= pc= suffixes of crash tracebacks', () => {
    const d = parse(`goroutine 1 [running]:
runtime.throw({0x4b2a1c?, 0x0?})
	C:/Program Files/Go/src/runtime/panic.go:1047 +0x5d fp=0xc000059f08 sp=0xc000059ed8 pc=0x4327bd
main.main.func1(...)
	C:/Users/dev/app/main.go:7 pc=0x45f1c5
main.main()
	C:/Users/dev/app/main.go:12 +0x1d fp=0xc000059f80 sp=0xc000059f58 pc=0x45f1dd
`);
    expect(summarize(d)[0]!.frames).toEqual([
      'runtime.throw  C:/Program Files/Go/src/runtime/panic.go:1047',
      'main.main.func1  C:/Users/dev/app/main.go:7',
      'main.main  C:/Users/dev/app/main.go:12',
    ]);
  });

  it('reads Go 1.21+ "...N frames elided..." between the kept frames', () => {
    const inner = Array.from({ length: 50 }, (_, i) => `main.rec(${i})\n\t/a/rec.go:${10 + i} +0x1\n`).join('');
    const outer = Array.from({ length: 50 }, (_, i) => `main.rec(${i})\n\t/a/rec.go:${100 + i} +0x1\n`).join('');
    const d = parse(`goroutine 1 [running]:\n${inner}...1234 frames elided...\n${outer}created by main.main in goroutine 1\n\t/a/main.go:3 +0x1\n`);
    const g = summarize(d)[0]!;
    expect(g.flags).toEqual(['elided']);
    expect(g.elided).toBe(1234);
    expect(g.frames.length).toBe(100);
    expect(g.frames[49]).toBe('main.rec  /a/rec.go:59');
    expect(g.frames[50]).toBe('main.rec  /a/rec.go:100');
    expect(g.createdBy).toBe('main.main  /a/main.go:3');
    expect(d.unparsed.count).toBe(0);
  });

  it('reads the Go <= 1.20 elision marker, which gives no count', () => {
    const d = parse('goroutine 1 [running]:\nmain.f()\n\t/a.go:1 +0x1\n...additional frames elided...\ncreated by main.g\n\t/a.go:9 +0x1\n');
    const g = summarize(d)[0]!;
    expect([g.flags, g.elided, g.createdBy, g.creatorId]).toEqual([['elided'], 0, 'main.g  /a.go:9', -1]);
  });

  it('reads "stack unavailable" goroutines of crash dumps with their creator', () => {
    const d = parse(`goroutine 1 [running]:
main.main()
	/a.go:1 +0x1

goroutine 5 [running]:
	goroutine running on other thread; stack unavailable
created by main.main in goroutine 1
	/a/main.go:10 +0x2f
`);
    const g = summarize(d)[1]!;
    expect([g.flags, g.frames, g.createdBy, g.creatorId]).toEqual([['unavailable'], [], 'main.main  /a/main.go:10', 1]);
    expect(d.truncated).toBe(false);
  });

  it('keeps cgo frames without a symbolizer as address-only locations', () => {
    const d = parse(`goroutine 6 [syscall]:
non-Go function at pc=0x7f3a2b1c0d
non-Go function at pc=0x7f3a2b1e00
runtime.cgocall(0x45f1c0, 0xc000059f38)
	/usr/local/go/src/runtime/cgocall.go:157 +0x4b fp=0xc000059f10 sp=0xc000059ed8 pc=0x40560b
main._Cfunc_sleep(0x3b9aca00)
	_cgo_gotypes.go:56 +0x45
`);
    expect(summarize(d)[0]!.frames).toEqual([
      '0x7f3a2b1c0d (address only)',
      '0x7f3a2b1e00 (address only)',
      'runtime.cgocall  /usr/local/go/src/runtime/cgocall.go:157',
      'main._Cfunc_sleep  _cgo_gotypes.go:56',
    ]);
  });

  it('reads frames printed by a cgo symbolizer (no argument list, pc= on the file line)', () => {
    const d = parse(`goroutine 6 [syscall]:
c_sleep_loop
	/src/sleep.c:12 pc=0x4a1b2c
non-Go function
	pc=0x7f00aa
main._Cfunc_c_sleep_loop(0xf4240)
	_cgo_gotypes.go:56 +0x45
`);
    expect(summarize(d)[0]!.frames).toEqual([
      'c_sleep_loop  /src/sleep.c:12',
      '0x7f00aa (address only)',
      'main._Cfunc_c_sleep_loop  _cgo_gotypes.go:56',
    ]);
    expect(d.unparsed.count).toBe(0);
  });

  it('reads ancestors with their own creators and elision', () => {
    const d = parse(`goroutine 24 [select]:
main.leaf()
	/a.go:5 +0x25
created by main.mid in goroutine 21
	/a.go:9 +0x3c
[originating from goroutine 21]:
main.mid(...)
	/a.go:8 +0x3c
...additional frames elided...
created by main.root
	/a.go:20 +0x11
[originating from goroutine 1]:
main.main(...)
	/a.go:30 +0x13
`);
    const g = summarize(d)[0]!;
    expect(g.ancestors).toEqual([
      { id: 21, frames: ['main.mid  /a.go:8'], createdBy: 'main.root  /a.go:20', elided: true },
      { id: 1, frames: ['main.main  /a.go:30'], createdBy: null, elided: false },
    ]);
    expect(g.createdBy).toBe('main.mid  /a.go:9');
    expect(g.frames).toEqual(['main.leaf  /a.go:5']);
  });
});

describe('text around the goroutines', () => {
  it('reads a panic preamble as crash output, not as skipped or unparsed lines', () => {
    const d = parse(`panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x45f1dd]

goroutine 1 [running]:
main.main()
	/a.go:12 +0x1d
exit status 2
`);
    expect(d.total).toBe(1);
    expect(d.skipped).toEqual({ count: 0, firstLines: [] });
    // "exit status 2" directly after the last frame ends the goroutine: crash output.
    expect(d.unparsed).toEqual({ count: 0, firstLines: [] });
    expect(d.crash?.kind).toBe('panic');
    expect(d.crash?.panics).toEqual([
      { message: 'runtime error: invalid memory address or nil pointer dereference', line: 1, recovered: false, repanicked: false },
    ]);
    expect(d.crash?.signal).toEqual({ line: 2, name: 'SIGSEGV', description: 'segmentation violation', code: '0x1', addr: '0x0', pc: '0x45f1dd' });
    expect(d.crash?.exitStatus).toEqual({ code: 2, line: 7 });
    expect(d.crash?.goroutine).toEqual({ row: 0, id: 1, line: 4, reason: 'first-running' });
    expect(d.crash?.lines.map((l) => [l.line, l.kind])).toEqual([[1, 'panic'], [2, 'signal'], [7, 'exit']]);
  });

  it('reads a SIGQUIT preamble, runtime stack frames and a register dump at the end as crash output', () => {
    const d = parse(`SIGQUIT: quit
PC=0x46b2a1 m=0 sigcode=0

goroutine 0 gp=0x5c1c20 m=0 mp=0x5c2b20 [idle]:
runtime.futex(0x5c2c58, 0x80, 0x0, 0x0, 0x0, 0x0)
	/usr/local/go/src/runtime/sys_linux_amd64.s:557 +0x21 fp=0x7ffd1c1b6a58 sp=0x7ffd1c1b6a50 pc=0x46b2a1

goroutine 1 gp=0xc000002380 m=nil [sleep]:
time.Sleep(0x3b9aca00)
	/usr/local/go/src/runtime/time.go:195 +0x135

rax    0xca
rbx    0x0
rip    0x46b2a1
exit status 2
`);
    expect(summarize(d).map((g) => [g.id, g.state, g.frames.length])).toEqual([
      [0, 'idle', 1],
      [1, 'sleep', 1],
    ]);
    expect(d.skipped).toEqual({ count: 0, firstLines: [] });
    expect(d.unparsed.count).toBe(0);
    expect(d.crash?.kind).toBe('signal');
    expect(d.crash?.signal).toEqual({ line: 1, name: 'SIGQUIT', description: 'quit', pc: '0x46b2a1', m: '0', code: '0' });
    expect(d.crash?.registers).toEqual([{ line: 12, endLine: 14, count: 3 }]);
    expect(d.crash?.exitStatus).toEqual({ code: 2, line: 15 });
    // The goroutine printed first after a signal's report is where the signal arrived.
    expect(d.crash?.goroutine).toEqual({ row: 0, id: 0, line: 4, reason: 'signal' });
  });

  it('skips log lines between goroutines but reports stack lines that belong to none', () => {
    const d = parse(`goroutine 1 [running]:
main.main()
	/a.go:12 +0x1d

I0102 03:04:05.123456       1 trace.go:236] Trace[1]: "List" (02-Jan-2024 03:04:05.000) (total time: 1s):
main.orphan(0x1)
	/a.go:3 +0x1

goroutine 2 [select]:
main.f()
	/a.go:4 +0x1
`);
    expect(d.total).toBe(2);
    expect(d.skipped).toEqual({ count: 1, firstLines: [5] });
    expect(d.unparsed).toEqual({ count: 2, firstLines: [6, 7] });
  });

  it('reports a log line inside a stack without losing the frames around it', () => {
    const d = parse(`goroutine 1 [running]:
main.a()
	/a.go:1 +0x1
E0102 03:04:05.123456 1 handler.go:12] request failed (code 500)
main.b()
	/a.go:2 +0x1
`);
    expect(summarize(d)[0]!.frames).toEqual(['main.a  /a.go:1', 'main.b  /a.go:2']);
    expect(d.unparsed).toEqual({ count: 1, firstLines: [4] });
  });
});

describe('dumps pasted from logs', () => {
  const cri = (stream: string, tag: string, text: string) => `2024-01-02T03:04:05.123456789Z ${stream} ${tag} ${text}`;

  it('strips CRI container-log prefixes and joins partial (P) lines', () => {
    const lines = [
      cri('stderr', 'F', 'goroutine 7 [chan receive, 3 minutes]:'),
      cri('stderr', 'P', 'main.(*VeryLong'),
      cri('stderr', 'P', 'Receiver).work'),
      cri('stderr', 'F', 'er(0xc000012345)'),
      cri('stderr', 'F', '\t/app/worker.go:40 +0x85'),
      cri('stdout', 'F', 'a log line from the app'),
      cri('stderr', 'F', 'created by main.main in goroutine 1'),
      cri('stderr', 'F', '\t/app/main.go:10 +0x2f'),
      cri('stderr', 'F', ''),
    ];
    const text = `${lines.join('\n')}\n`;
    expect(sniffGoroutineText(enc(text))).toBe('debug2');
    const d = parse(text);
    const g = summarize(d)[0]!;
    expect([g.id, g.state, g.minutes, g.frames, g.createdBy, g.line]).toEqual([
      7, 'chan receive', 3, ['main.(*VeryLongReceiver).worker  /app/worker.go:40'], 'main.main  /app/main.go:10', 1,
    ]);
    expect(d.unparsed).toEqual({ count: 1, firstLines: [6] });
  });

  it('strips grep -n prefixes (":" for matches, "-" for context)', () => {
    const d = parse('120:goroutine 5 [select]:\n121-main.f(0x1)\n122-\t/a.go:4 +0x1\n123-\n124:goroutine 6 [select]:\n125-main.f(0x2)\n126-\t/a.go:4 +0x1\n');
    expect(summarize(d).map((g) => [g.id, g.frames, g.line])).toEqual([
      [5, ['main.f  /a.go:4'], 1],
      [6, ['main.f  /a.go:4'], 5],
    ]);
    expect(d.unparsed.count).toBe(0);
  });

  it('strips kubectl logs --timestamps prefixes, also under grep -n', () => {
    const t = '2024-01-02T03:04:05.123456789+01:00 ';
    const text = `7:${t}goroutine 5 [select]:\n8-${t}main.f(0x1)\n9-${t}\t/a.go:4 +0x1\n`;
    const d = parse(text);
    expect(summarize(d).map((g) => [g.id, g.frames])).toEqual([[5, ['main.f  /a.go:4']]]);
  });
});

describe('truncated input', () => {
  const full = `goroutine 1 [running]:
main.main()
	/a.go:12 +0x1d

goroutine 2 [select, 4 minutes]:
main.loop(0xc000012345)
	/a/loop.go:40 +0x85
main.run()
	/a/run.go:7 +0x2f
created by main.main in goroutine 1
	/a/main.go:10 +0x2f
`;
  const cutAt = (marker: string, extra = 0) => parse(full.slice(0, full.indexOf(marker) + extra));

  it('marks the goroutine cut inside a function line', () => {
    const d = cutAt('main.run()', 5);
    expect(d.truncated).toBe(true);
    expect(summarize(d)[1]!.flags).toEqual(['cut']);
    expect(summarize(d)[1]!.frames).toEqual(['main.loop  /a/loop.go:40']);
    expect(summarize(d)[0]!.flags).toEqual([]);
  });

  it('marks the goroutine cut inside a file line and drops the frame whose line number may be short', () => {
    const d = cutAt('/a/run.go:7', 10);
    expect(summarize(d)[1]!.frames).toEqual(['main.loop  /a/loop.go:40']);
    expect(summarize(d)[1]!.flags).toEqual(['cut']);
  });

  it('keeps a last file line whose offset was printed', () => {
    const d = cutAt('main.run()', -1);
    expect(summarize(d)[1]!.frames).toEqual(['main.loop  /a/loop.go:40']);
    expect(d.truncated).toBe(false);
  });

  it('marks a function line without its file line at the end as cut', () => {
    const d = cutAt('\t/a/run.go');
    expect(summarize(d)[1]!.flags).toEqual(['cut']);
    expect(summarize(d)[1]!.frames).toEqual(['main.loop  /a/loop.go:40']);
  });

  it('marks a "created by" without its file line as cut', () => {
    const d = cutAt('\t/a/main.go:10');
    expect(summarize(d)[1]!.flags).toEqual(['cut']);
    expect(summarize(d)[1]!.createdBy).toBeNull();
  });

  it('leaves out a goroutine whose header was cut and says the input is truncated', () => {
    const d = cutAt('goroutine 2 [sel', 12);
    expect(d.total).toBe(1);
    expect(d.truncated).toBe(true);
    expect(summarize(d)[0]!.flags).toEqual([]);
    expect(d.unparsed.count).toBe(0);
  });

  it('marks a header with no frames at the end as cut', () => {
    const d = cutAt('main.loop');
    expect(summarize(d)[1]!.flags).toEqual(['cut']);
    expect(summarize(d)[1]!.state).toBe('select');
  });

  it('marks the last goroutine of an input of exactly 64 MiB (the runtime buffer cap) as cut', () => {
    const unit = enc('goroutine 1 [select]:\nmain.f(0x1)\n\t/a.go:1 +0x1\n\n');
    const bytes = new Uint8Array(64 << 20);
    for (let at = 0; at < bytes.length; at += unit.length) bytes.set(unit.subarray(0, Math.min(unit.length, bytes.length - at)), at);
    const d = parseDebug2(bytes);
    const g = d.goroutines!;
    expect(d.truncated).toBe(true);
    expect(g.flags[g.length - 1]! & 4).toBe(4);
    expect(g.flags[g.length - 2]! & 4).toBe(0);
  });
});

describe('caps, progress and cancellation', () => {
  it('stops at maxGoroutines with a limit error naming the cap and the line', () => {
    const err = (() => {
      try {
        parseDebug2(enc(SIMPLE), { maxGoroutines: 1 });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).kind).toBe('limit');
    expect((err as ParseError).message).toContain('maxGoroutines');
    expect((err as ParseError).line).toBe(5);
  });

  it('stops at maxFramesPerStack', () => {
    const deep = `goroutine 1 [running]:\n${'main.f()\n\t/a.go:1 +0x1\n'.repeat(5)}`;
    expect(() => parseDebug2(enc(deep), { maxFramesPerStack: 4 })).toThrow(/maxFramesPerStack/);
    expect(parseDebug2(enc(deep), { maxFramesPerStack: 5 }).total).toBe(1);
  });

  it('reports progress and stops when cancelled', () => {
    const unit = 'goroutine 1 [select]:\nmain.f(0x1)\n\t/a.go:1 +0x1\n\n';
    const bytes = enc(unit.repeat(Math.ceil((10 << 20) / unit.length)));
    const seen: number[] = [];
    const d = parseDebug2(bytes, { onProgress: (done, total) => seen.push(done / total) });
    expect(d.total).toBe(Math.ceil((10 << 20) / unit.length));
    expect(seen.length).toBeGreaterThanOrEqual(3);
    expect(seen[seen.length - 1]).toBe(1);
    let calls = 0;
    try {
      parseDebug2(bytes, { isCancelled: () => ++calls === 2 });
      expect.unreachable();
    } catch (e) {
      expect((e as ParseError).kind).toBe('cancelled');
      expect((e as ParseError).offset).toBeGreaterThan(0);
    }
  });
});

describe('sniffing', () => {
  it('tells debug=2, debug=1 and other text apart from the first 64 KB', () => {
    expect(sniffGoroutineText(enc(SIMPLE))).toBe('debug2');
    expect(sniffGoroutineText(enc('panic: boom\n\ngoroutine 1 [running]:\n'))).toBe('debug2');
    expect(sniffGoroutineText(enc('goroutine profile: total 3\n3 @ 0x1\n#\t0x1\n'))).toBe('debug1');
    expect(sniffGoroutineText(enc('threadcreate profile: total 9\n'))).toBe('debug1');
    expect(sniffGoroutineText(enc('heap profile: 1: 2 [3: 4] @ heap/1048576\n'))).toBe('debug1');
    expect(sniffGoroutineText(enc('--- mutex:\ncycles/second=2000000000\n'))).toBe('debug1');
    expect(sniffGoroutineText(enc('hello goroutine 1 [running]:\n'))).toBeNull();
    expect(sniffGoroutineText(enc(`${'x'.repeat(70 * 1024)}\ngoroutine 1 [running]:\n`))).toBeNull();
    expect(() => parseGoroutineText(enc('not a dump'))).toThrow(ParseError);
  });
});
