// Keeps the address bar and history in step with the active file's view while the app is mounted.

import { useEffect } from 'react';
import { syncHistoryWithView } from '../state/history';

export function useUrlSync(): void {
  useEffect(syncHistoryWithView, []);
}
