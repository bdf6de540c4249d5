import { useSyncExternalStore } from 'react';
import type { UiState } from '../state/reducer.js';
import type { UiStore } from '../state/store.js';

export function useStoreState(store: UiStore): UiState {
  return useSyncExternalStore(store.subscribe, store.getState, store.getState);
}
