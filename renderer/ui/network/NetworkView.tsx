import { useMemo, useState } from 'react';
import { RequesterTasksPanel } from '../requester/dashboard/RequesterTasksPanel';
import type { HubInfo } from '../../../electron/common/services/hubService';
import { DisputeStore } from '../../review/disputeStore';
import { useStore } from '../StoreContext';
import { ReviewQueuePanel } from '../review/ReviewQueuePanel';
import { ReviewView } from '../review/ReviewView';
import { DevnetReviewerPanel } from './DevnetReviewerPanel';
import { HubPanel } from './HubPanel';
import { OutboxPanel } from './OutboxPanel';
import { ReputationPanel } from './ReputationPanel';
import { FundTaskPanel } from './FundTaskPanel';
import { RewardsPanel } from './RewardsPanel';
import { StakePanel } from './StakePanel';
import { TaskList } from './TaskList';
import { useWalletStatus, WalletPanel } from './WalletPanel';

/** The network half in one page: wallet, hub, tasks, review queue, outbox, reputation, stake and rewards; reviewer mode opens over it. */
export function NetworkView({ onOpenProject }: { onOpenProject: (projectId: string) => void }) {
  const wallet = useWalletStatus();
  const store = useStore();
  const disputes = useMemo(() => new DisputeStore(store.db), [store]);
  const [hub, setHub] = useState<HubInfo | null>(null);
  const [reviewing, setReviewing] = useState<{ hubUrl: string; itemId: string } | null>(null);
  const [dashboardOpen, setDashboardOpen] = useState(false);
  if (reviewing) return <ReviewView disputes={disputes} hubUrl={reviewing.hubUrl} itemId={reviewing.itemId} onClose={() => setReviewing(null)} />;
  return (
    <div className="page">
      <div className="page-narrow stack" data-testid="network-view">
        <h1>Network</h1>
        <WalletPanel />
        <HubPanel hub={hub} onHub={setHub} walletUnlocked={wallet?.unlocked ?? false} />
        <RequesterTasksPanel hub={hub} hasWallet={Boolean(wallet?.address)} onOpenChange={setDashboardOpen} />
        <TaskList hub={hub} onOpenProject={onOpenProject} />
        <DevnetReviewerPanel hub={hub} hasWallet={Boolean(wallet?.address)} walletUnlocked={wallet?.unlocked ?? false} />
        <ReviewQueuePanel disputes={disputes} hubUrl={hub?.hubUrl ?? null} onOpen={(hubUrl, itemId) => setReviewing({ hubUrl, itemId })} />
        <OutboxPanel />
        <ReputationPanel hubUrl={hub?.hubUrl ?? null} hasWallet={Boolean(wallet?.address)} />
        <StakePanel hubUrl={hub?.hubUrl ?? null} hasWallet={Boolean(wallet?.address)} />
        <RewardsPanel hubUrl={hub?.hubUrl ?? null} hasWallet={Boolean(wallet?.address)} localHub={hub?.local ?? false} />
        {/* An open task dashboard holds the fund panel for its task. */}
        {!dashboardOpen && <FundTaskPanel hubUrl={hub?.hubUrl ?? null} hasWallet={Boolean(wallet?.address)} />}
      </div>
    </div>
  );
}
