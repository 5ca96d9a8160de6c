// How a page of the app starts: a reload (or Back/Forward into the page) brings back the files
// this tab kept (keep.ts) in their order, names and groups, with the active one showing the
// address's view; a new visit starts empty, and `?sample=` opens a bundled sample.

import { activate, openSource, restoreView, setPendingUrlView } from './actions';
import { holdHistory } from './history';
import { openSample } from './intake';
import { idOfSlot, reopeningSlot, sizeText, startKeeping, useKeep, type KeptFile } from './keep';
import { getFile } from './store';
import { arrivedBy, currentMark, type Address } from './url';

export async function startSession(address: Address): Promise<void> {
  if (arrivedBy() === 'navigate') {
    // A new visit: nothing to bring back, so the sample need not wait for the store to open.
    void startKeeping(true);
    if (address.sample) await openSample(address.sample);
    return;
  }
  const kept = await startKeeping(false);
  if (kept.length > 0) await reopenKept(kept, address);
  else if (address.sample) await openSample(address.sample);
}


async function reopenKept(kept: KeptFile[], address: Address): Promise<void> {
  await holdHistory(async () => {
    // The address's view is for the active file, applied once all are back.
    setPendingUrlView({ view: {} });
    const opened = kept.map((k) => {
      reopeningSlot(k.slot);
      return openSource({ name: k.name, file: k.file, knownTime: k.knownTime, ...(k.group !== undefined ? { group: k.group } : {}) }, k.size);
    });
    const ids = await Promise.all(opened);
    const bytes = kept.reduce((n, k) => n + k.size, 0);
    useKeep.setState({ restored: `Reopened ${kept.length} file${kept.length === 1 ? '' : 's'} (${sizeText(bytes)}) this tab kept in this browser.` });
    // The file the current history entry names, else the last opened.
    const slot = currentMark()?.slot;
    const id = (slot !== null && slot !== undefined ? idOfSlot(slot) : null) ?? ids[ids.length - 1]!;
    activate(id);
    if (getFile(id)?.status !== 'ready') return;
    const { view, sampleType } = address.view;
    await restoreView(id, { ...view, ...(sampleType ? { sampleType } : {}) });
  });
}
