import { describe, expect, it } from 'vitest';
import { ProfileBuilder } from '../../src/model/builder';

describe('ProfileBuilder', () => {
  it('shares frame locations and keeps stacks leaf first', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'goroutine', unit: 'count' }] });
    const main = b.addFunction(b.intern('main.main'), 0, b.intern('/src/main.go'));
    const work = b.addFunction(b.intern('main.work'), 0, b.intern('/src/main.go'));
    const workLoc = b.frame(work, 12);
    b.pushFrame(workLoc);
    b.pushFrame(b.frame(main, 5));
    b.endSample([1]);
    b.pushFrame(b.frame(work, 12));
    b.endSample([3]);
    const p = b.build();
    expect(p.locations.length).toBe(2);
    expect([...p.samples.stack]).toEqual([workLoc, 1, workLoc]);
    expect([...p.samples.stackStart]).toEqual([0, 2, 3]);
    expect([...p.samples.values[0]!]).toEqual([1, 3]);
    expect(p.strings[p.functions.name[p.lines.func[p.locations.lineStart[workLoc]!]!]!]).toBe('main.work');
  });

  it('discards a half-built sample', () => {
    const b = new ProfileBuilder({ sampleTypes: [{ type: 'x', unit: 'count' }] });
    const f = b.addFunction(b.intern('f'), 0, 0);
    b.pushFrame(b.frame(f, 1));
    b.addLabel(b.intern('k'), b.intern('v'));
    b.discardSample();
    b.endSample([2]);
    const p = b.build();
    expect(p.samples.length).toBe(1);
    expect(p.samples.stack.length).toBe(0);
    expect(p.labels.length).toBe(0);
  });
});
