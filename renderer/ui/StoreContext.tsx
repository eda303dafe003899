import { createContext, useContext } from 'react';
import type { LabelStore } from '../store/labelStore';

const StoreContext = createContext<LabelStore | null>(null);

export const StoreProvider = StoreContext.Provider;

export function useStore(): LabelStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useStore() outside <StoreProvider>');
  return store;
}
