import { createContext, useContext } from 'react';
import type { Host } from './connectHost';

const HostContext = createContext<Host | null>(null);

export const HostProvider = HostContext.Provider;

/** The connected host; only components under <HostProvider> may call it. */
export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost() outside <HostProvider>: connectHost() must finish before the app renders');
  return host;
}
