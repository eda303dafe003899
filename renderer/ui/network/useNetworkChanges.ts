import { useEffect, useRef } from 'react';
import { useHost } from '../../platform/HostContext';
import { useSync } from './SyncContext';

/** Changes only this page knows of (an epoch it closed on the local network): announced here, heard by every panel. */
const localChanges = new Set<() => void>();

/** Tells every open panel that balances, stake, rewards or reputation may have moved (e.g. after closing an epoch). */
export function announceNetworkChange(): void {
  for (const listener of localChanges) listener();
}

const settled = (status: string) => status === 'mined' || status === 'failed';

/**
 * Calls `onChange` after every event that can move what the network panels
 * show, so none of them shows a stale balance until Refresh: a stake, claim
 * or deposit transaction settled, another wallet (or the same one unlocked or
 * locked), a batch or verdict the hub accepted, an epoch closed from here.
 * Bursts (one claim per task) are coalesced into one call.
 */
export function useNetworkChanges(onChange: () => void): void {
  const host = useHost();
  const { outbox } = useSync();
  const latest = useRef(onChange);
  latest.current = onChange;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const changed = () => {
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), 50);
    };
    let wallet: string | undefined;
    let accepted: number | undefined;
    const countAccepted = () =>
      void outbox.list().then((records) => {
        const count = records.filter((r) => r.state === 'accepted').length;
        if (accepted !== undefined && count !== accepted) changed();
        accepted = count;
      });
    countAccepted();
    void host.wallet.status({}).then((s) => (wallet ??= `${s.address ?? ''}:${String(s.unlocked)}`));
    localChanges.add(changed);
    const offs = [
      () => localChanges.delete(changed),
      outbox.subscribe(countAccepted),
      host.wallet.on('changed', (s) => {
        const now = `${s.address ?? ''}:${String(s.unlocked)}`;
        if (wallet !== undefined && now !== wallet) changed();
        wallet = now;
      }),
      host.stake.on('txChanged', (s) => settled(s.status) && changed()),
      host.rewards.on('claimChanged', (s) => settled(s.status) && changed()),
      host.rewards.on('depositChanged', (s) => settled(s.status) && changed()),
    ];
    return () => {
      clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [host, outbox]);
}
