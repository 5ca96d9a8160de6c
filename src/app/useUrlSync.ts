// Keeps the address bar in step with the active file's view while the app is mounted.

import { useEffect } from 'react';
import { syncAddressWithView } from '../state/url';

export function useUrlSync(): void {
  useEffect(syncAddressWithView, []);
}
