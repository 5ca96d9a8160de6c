// Sharing findings: the payload of a file's pins, view and snapshot; the link made of it
// (redacted, sized, previewed); and a link opened on this page, which shows its report until
// a file is dropped, then puts that file's view where the sender left it.

import { create } from 'zustand';
import { isSameFile } from '../share/anchor';
import { snapshotGroups, snapshotTop } from '../share/build';
import { decodePermalink, encodePermalink, validatePayload } from '../share/codec';
import { describePayload, redact, type RedactOptions } from '../share/redact';
import { SCHEMA_VERSION, limits, type Finding, type SharePayload, type Snapshot } from '../share/schema';
import { TARGET_LINK_BYTES, WARN_LINK_BYTES, fitToSize } from '../share/size';
import { applyView, groupName, resolveAnchor, restoreViewQuietly, setPendingUrlView } from './actions';
import { applyLinkedView, askLinkedView, linkedViewLines } from './linkedView';
import { mergePins, sharedBug } from './findings';
import { getFile, useStore, type OpenFile } from './store';
import { addressFragment, clearAddressFragment, pageAddress } from './url';

export { restoreView } from './actions';
import { portableView } from './portable';

export { zoomPathOf } from './portable';

export type { RedactOptions };
export { TARGET_LINK_BYTES, WARN_LINK_BYTES };

const clip = (s: string, n: number) => (s.length > n ? s.slice(0, n) : s);

function snapshotOf(file: OpenFile): Snapshot {
  return {
    top: file.top ? snapshotTop(file.top) : null,
    goroutines: file.goroutines ? snapshotGroups(file.goroutines.grouping) : null,
    knownBugs: (file.knownBugs?.matches ?? []).slice(0, limits.knownBugs).map(sharedBug),
  };
}

export type BuiltPayload = { ok: true; payload: SharePayload; notes: string[] } | { ok: false; error: string };

/** What a link of this file's findings carries, checked against the link's caps. */
export function buildPayload(file: OpenFile, findings: Finding[]): BuiltPayload {
  const { summary, identity } = file;
  if (!summary || !identity) return { ok: false, error: 'The file is still loading (its SHA-256 is not known yet).' };
  const payload: SharePayload = {
    v: SCHEMA_VERSION,
    profile: {
      name: clip(file.name, 500),
      size: summary.size,
      format: clip(summary.formatLabel, 200),
      sampleTypes: summary.sampleTypes.slice(0, limits.sampleTypes).map((t) => ({ type: clip(t.type, 200), unit: clip(t.unit, 200) })),
      time: identity.time,
      sha256: identity.sha256,
    },
    view: portableView(file),
    findings,
    snapshot: snapshotOf(file),
  };
  const full = validatePayload(payload);
  if (full.ok) return { ok: true, payload, notes: [] };
  // A name in the snapshot past a cap should not stop the findings from travelling.
  const bare = { ...payload, snapshot: null };
  const withoutSnapshot = validatePayload(bare);
  if (withoutSnapshot.ok) return { ok: true, payload: bare, notes: [`The snapshot was left out: ${full.error}.`] };
  return { ok: false, error: `These findings cannot be shared: ${withoutSnapshot.error}.` };
}

export interface LinkOptions {
  redact: RedactOptions;
  /**
   * Give up the snapshot's least important parts until the link fits WARN_LINK_BYTES (past
   * which chat tools cut links): as much context as still travels safely is kept.
   */
  shorten: boolean;
}

export type Link =
  | {
      ok: true;
      url: string;
      /** What the link carries, after redaction and shortening. */
      payload: SharePayload;
      /** describePayload: one line per item, every string quoted. */
      preview: string[];
      /** What shortening left out, one sentence each. */
      dropped: string[];
    }
  | { ok: false; error: string };

export function makeLink(payload: SharePayload, opts: LinkOptions, base: string = pageAddress()): Link {
  try {
    let p = redact(payload, opts.redact);
    let dropped: string[] = [];
    if (opts.shorten) {
      const fit = fitToSize(p, WARN_LINK_BYTES - base.length);
      p = fit.payload;
      dropped = fit.dropped;
    }
    return { ok: true, url: `${base}#${encodePermalink(p)}`, payload: p, preview: describePayload(p), dropped };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}

// ---- a link opened on this page

export interface OpenedLink {
  /** The payload, or why the link cannot be read (a sentence for a person). */
  result: { ok: true; payload: SharePayload } | { ok: false; error: string };
  /** Files open when the link came: it applies to one of them only if it is the same file. */
  openedAfter: number;
  /** The file it was applied to. */
  appliedTo: number | null;
  /** The dropped file is not the one the link was made from: its SHA-256. */
  otherFile: string | null;
  /** Parts of the shared view this file does not have. */
  missed: string[];
  /** Findings of the link added to the file's pins. */
  added: number;
  /** The link's report is shown over the open files (a link pasted while files are open). */
  reading: boolean;
}

export const useLink = create<{ link: OpenedLink | null }>(() => ({ link: null }));

/** Whether a fragment is meant as a findings link ("#s1.…"; a newer "#s2.…" is one too). */
export function isLinkFragment(hash: string): boolean {
  return /^#?s[0-9]{1,4}\./.test(hash);
}

/** Reads a link from the address's fragment; other fragments are left alone. */
export function openLinkFromLocation(): void {
  const hash = addressFragment();
  if (!isLinkFragment(hash)) return;
  const result = decodePermalink(hash);
  const openedAfter = Math.max(0, ...useStore.getState().files.map((f) => f.id));
  useLink.setState({ link: { result, openedAfter, appliedTo: null, otherFile: null, missed: [], added: 0, reading: false } });
  // The link's view wins over the query's (a reloaded page has both).
  if (result.ok) setPendingUrlView({ view: {} });
  applyPendingLink();
}

/** Shows (or hides) the report of a link that waits for its file while other files are open. */
export function readLink(reading: boolean): void {
  const link = useLink.getState().link;
  if (link) useLink.setState({ link: { ...link, reading } });
}

export function closeLink(): void {
  useLink.setState({ link: null });
  if (isLinkFragment(addressFragment())) clearAddressFragment();
}

/** A file is ready for a link's view once its hash (asked for after its first views) is in. */
function readyForLink(f: OpenFile): boolean {
  return f.status === 'ready' && f.identity !== null && (f.summary?.kind !== 'goroutines' || f.goroutines !== null);
}

function applyPendingLink(): void {
  const link = useLink.getState().link;
  if (!link || !link.result.ok || link.appliedTo !== null) return;
  const payload = link.result.payload;
  const files = useStore.getState().files.filter(readyForLink);
  const target = files.find((f) => isSameFile(payload, f.identity!.sha256)) ?? files.find((f) => f.id > link.openedAfter);
  if (!target) return;
  const same = isSameFile(payload, target.identity!.sha256);
  const added = same ? mergePins(target.identity!.sha256, payload.findings) : 0;
  useLink.setState({ link: { ...link, appliedTo: target.id, otherFile: same ? null : target.identity!.sha256, added, reading: false } });
  const apply = () =>
    restoreViewQuietly(target.id, payload.view).then((missed) => {
      const now = useLink.getState().link;
      if (now && now.appliedTo === target.id) useLink.setState({ link: { ...now, missed } });
    });
  const lines = linkedViewLines(payload.view);
  // The view goes only to the file it was made for; another file is asked about first.
  if (!same) askLinkedView({ fileId: target.id, from: 'link', lines, problems: [], apply });
  else void applyLinkedView(target.id, lines, apply);
}

useStore.subscribe(applyPendingLink);

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Takes the view to a pinned finding: its frame zoomed, its row filtered, its group (and stack)
 * opened, resolved in one worker call. Resolves with a sentence when the finding no longer
 * anchors in the current view.
 */
export async function showFinding(id: number, finding: Finding): Promise<string | null> {
  const f = getFile(id);
  if (!f?.summary || finding.kind === 'known-bug') return null;
  const at = { filter: f.view.filter, sampleIndex: f.view.sampleIndex };
  switch (finding.kind) {
    case 'frame': {
      const r = await resolveAnchor(id, { ...at, sampleType: finding.values.sampleType, focus: null, path: finding.path });
      if (!r) return null;
      if (r.missed.some((m) => m.what === 'frame')) return `${finding.func} is not on this path in the current view (filters may hide it).`;
      await applyView(id, { tab: 'flame', sampleIndex: r.sampleIndex, focus: null, zoom: r.zoom });
      return null;
    }
    case 'top-row': {
      const r = await resolveAnchor(id, { ...at, sampleType: finding.values.sampleType });
      if (!r) return null;
      await applyView(id, { tab: 'top', sampleIndex: r.sampleIndex, granularity: finding.granularity, topFilter: `^${escapeRegex(finding.name)}$` });
      return null;
    }
    case 'group':
    case 'bucket': {
      const anchor = finding.kind === 'group' ? { state: finding.group.state, site: finding.group.site } : finding.group;
      const stack = finding.kind === 'bucket' ? { frames: finding.frames, depth: finding.depth } : undefined;
      const r = await resolveAnchor(id, { ...at, group: anchor, ...(stack ? { stack } : {}) });
      if (!r) return null;
      if (r.group === null) return `No goroutine group ${groupName(anchor)} in the current view (filters may hide it).`;
      await applyView(id, { tab: 'goroutines', group: r.group, bucket: r.bucket });
      if (r.missed.some((m) => m.what === 'stack')) return 'This stack is no longer among the group’s stacks in the current view; the group is open.';
      return null;
    }
  }
}
