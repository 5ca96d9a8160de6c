// A view that came with an address or a link, held for the file it was made for: when the file
// opened next may be another one, the page asks before applying it ("Apply the linked view
// (frame filter "…") to this file?"), and while an applied view is being computed the page
// says the numbers shown are the previous view's, with a Cancel that drops back to the plain view.

import { create } from 'zustand';
import { describeView } from '../share/viewCheck';
import type { PortableView } from '../share/viewCodec';

export interface LinkedViewQuestion {
  fileId: number;
  /** Where the view came from: the page's address, or a findings link made from another file. */
  from: 'address' | 'link';
  /** What the view would change, one phrase each (describeView). */
  lines: string[];
  /** What the address or link carried that was left out, one sentence each. */
  problems: string[];
  /** Applies the view to the file; resolves when its results are in. */
  apply: () => Promise<void>;
  /** Called when the question is answered with Ignore. */
  ignored?: () => void;
}

export interface LinkedViewState {
  question: LinkedViewQuestion | null;
  /** A linked view being computed for this file: what it is, so the page can say whose numbers show. */
  applying: { fileId: number; lines: string[] } | null;
}

export const useLinkedView = create<LinkedViewState>(() => ({ question: null, applying: null }));

/** What a linked view would change, described for the question; empty when it changes nothing. */
export function linkedViewLines(view: Partial<PortableView>, sampleType?: string): string[] {
  return describeView(view, sampleType);
}

/** Holds a view for a file and asks whether to apply it (a later question replaces an earlier one). */
export function askLinkedView(q: LinkedViewQuestion): void {
  useLinkedView.setState({ question: q });
}

/** Apply: the view is applied and marked as being computed until its results are in. Ignore: the file keeps its plain view. */
export async function answerLinkedView(apply: boolean): Promise<void> {
  const q = useLinkedView.getState().question;
  if (!q) return;
  if (!apply) {
    useLinkedView.setState({ question: null });
    q.ignored?.();
    return;
  }
  await applyLinkedView(q.fileId, q.lines, q.apply);
}

/** Runs `apply` with the file marked as computing a linked view (the question, if any, is closed). */
export async function applyLinkedView(fileId: number, lines: string[], apply: () => Promise<void>): Promise<void> {
  const applying = { fileId, lines };
  useLinkedView.setState({ question: null, applying });
  // Cancelled as soon as it was marked (forgetLinkedView): nothing is applied.
  if (useLinkedView.getState().applying !== applying) return;
  try {
    await apply();
  } finally {
    if (useLinkedView.getState().applying === applying) useLinkedView.setState({ applying: null });
  }
}

/** The file was closed or reloaded plain: nothing is asked or applied for it any more. */
export function forgetLinkedView(fileId: number): void {
  const s = useLinkedView.getState();
  useLinkedView.setState({
    question: s.question?.fileId === fileId ? null : s.question,
    applying: s.applying?.fileId === fileId ? null : s.applying,
  });
}
