// pprof labels by key, value and weight (goroutines, bytes, ...), the way `go tool pprof -tags`
// counts them: per key, the summed value of the samples carrying it and each value's share,
// largest first. The goroutine state and wait minutes a dump's parser adds as labels are not
// user labels and are left out where the caller says so (userLabelKeys).

import { label } from '../lib/units';
import { GoroutineLabel } from '../model/goroutines';
import type { Profile } from '../model/profile';

export interface LabelValueCount {
  value: string;
  count: number;
}

export interface LabelKeySummary {
  key: string;
  /** Summed weight of the samples that carry the key. */
  count: number;
  /** Values, largest first (ties by value), at most the limit asked for. */
  values: LabelValueCount[];
  /** Values left out past the limit, and their summed weight. */
  moreValues: number;
  moreCount: number;
}

/**
 * Which label keys are user labels: every key but the state and wait labels a debug=2 dump's
 * parser adds (1 per string index). A pprof profile's own "state" label stays a user label.
 */
export function userLabelKeys(p: Profile, dumpLabels: boolean): Uint8Array {
  const user = new Uint8Array(p.strings.length);
  for (let k = 0; k < p.labels.length; k++) user[p.labels.key[k]!] = 1;
  if (dumpLabels) {
    const state = p.strings.indexOf(GoroutineLabel.state);
    const wait = p.strings.indexOf(GoroutineLabel.waitMinutes);
    if (state >= 0) user[state] = 0;
    if (wait >= 0) user[wait] = 0;
  }
  return user;
}

/** The text of label row k: a string value, or a number with its unit as pprof prints it ("288B"). */
export function labelText(p: Profile, k: number): string {
  const { labels, strings } = p;
  if (labels.str[k]! > 0) return strings[labels.str[k]!]!;
  return label(labels.num[k]!, labels.numUnit[k]! > 0 ? strings[labels.numUnit[k]!]! : strings[labels.key[k]!]!);
}

/** Adds samples' labels up by (key, value); one per group, bucket or profile. */
export class LabelTally {
  /** key string index -> value text -> weight */
  private readonly byKey = new Map<number, Map<string, number>>();
  private readonly keyCount = new Map<number, number>();

  constructor(
    private readonly p: Profile,
    private readonly user: Uint8Array,
  ) {}

  add(s: number, weight: number): void {
    const { samples, labels } = this.p;
    let lastKey = -1;
    for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
      const key = labels.key[k]!;
      if (!this.user[key]) continue;
      let values = this.byKey.get(key);
      if (!values) this.byKey.set(key, (values = new Map()));
      const text = labelText(this.p, k);
      values.set(text, (values.get(text) ?? 0) + weight);
      // A key counted once per sample, even with several values.
      if (key !== lastKey) this.keyCount.set(key, (this.keyCount.get(key) ?? 0) + weight);
      lastKey = key;
    }
  }

  get empty(): boolean {
    return this.byKey.size === 0;
  }

  /** Keys by name, each with its largest `maxValues` values. */
  summary(maxValues: number): LabelKeySummary[] {
    const { strings } = this.p;
    const out: LabelKeySummary[] = [];
    for (const [key, values] of this.byKey) {
      const sorted = [...values.entries()]
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      const shown = sorted.slice(0, maxValues);
      let moreCount = 0;
      for (let i = maxValues; i < sorted.length; i++) moreCount += sorted[i]!.count;
      out.push({ key: strings[key]!, count: this.keyCount.get(key) ?? 0, values: shown, moreValues: sorted.length - shown.length, moreCount });
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
}

/** The labels of a whole profile, weighted by sample type `sampleIndex` (|value|, as pprof -tags). */
export function summarizeLabels(p: Profile, sampleIndex: number, dumpLabels: boolean, maxValues: number): LabelKeySummary[] {
  const user = userLabelKeys(p, dumpLabels);
  const tally = new LabelTally(p, user);
  const values = p.samples.values[sampleIndex];
  if (!values) return [];
  for (let s = 0; s < p.samples.length; s++) {
    const v = Math.abs(values[s]!);
    if (v !== 0) tally.add(s, v);
  }
  return tally.summary(maxValues);
}

/**
 * The value of `key` on sample s as a group label: its string value (several: joined with ",",
 * sorted), or null when the sample does not carry the key.
 */
export function sampleLabelValue(p: Profile, s: number, key: number): string | null {
  const { samples, labels } = p;
  let out: string | null = null;
  let many: string[] | null = null;
  for (let k = samples.labelStart[s]!; k < samples.labelStart[s + 1]!; k++) {
    if (labels.key[k] !== key) continue;
    const text = labelText(p, k);
    if (out === null) out = text;
    else (many ??= [out]).push(text);
  }
  return many ? many.sort().join(',') : out;
}
