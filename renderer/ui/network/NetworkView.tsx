import { useState } from 'react';
import type { HubInfo } from '../../../electron/common/services/hubService';
import { HubPanel } from './HubPanel';
import { OutboxPanel } from './OutboxPanel';
import { RewardsPanel } from './RewardsPanel';
import { TaskList } from './TaskList';
import { useWalletStatus, WalletPanel } from './WalletPanel';

/** The network half in one page: wallet, hub, tasks, outbox and rewards. */
export function NetworkView({ onOpenProject }: { onOpenProject: (projectId: string) => void }) {
  const wallet = useWalletStatus();
  const [hub, setHub] = useState<HubInfo | null>(null);
  return (
    <div className="page">
      <div className="page-narrow stack" data-testid="network-view">
        <h1>Network</h1>
        <WalletPanel />
        <HubPanel hub={hub} onHub={setHub} walletUnlocked={wallet?.unlocked ?? false} />
        <TaskList hub={hub} onOpenProject={onOpenProject} />
        <OutboxPanel />
        <RewardsPanel hubUrl={hub?.hubUrl ?? null} hasWallet={Boolean(wallet?.address)} localHub={hub?.local ?? false} />
      </div>
    </div>
  );
}
