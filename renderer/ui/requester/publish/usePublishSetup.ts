import { useCallback, useEffect, useState } from 'react';
import type { Project } from '../../../../core/model/project';
import type { HubInfo } from '../../../../electron/common/services/hubService';
import { useHost } from '../../../platform/HostContext';
import { findPublications, type Publications } from '../../../requester/publishJobs';
import { loadPublishSource, type PublishSource } from '../../../requester/publishDraft';
import { errorText } from '../../network/errorText';
import { useStore } from '../../StoreContext';

export interface PublishSetup {
  source: PublishSource | null;
  hubs: HubInfo[];
  defaultHub: string | null;
  publications: Publications;
  /** Why the project or the hubs could not be read. */
  error: string | null;
  /** Reads the host's publish jobs again (after a run ended). */
  refreshPublications(): Promise<void>;
}

/** What the publish dialog starts from: the project's images and labeled items, the trusted hubs, and earlier publishes of this project. */
export function usePublishSetup(project: Project): PublishSetup {
  const host = useHost();
  const store = useStore();
  const [source, setSource] = useState<PublishSource | null>(null);
  const [hubs, setHubs] = useState<{ hubs: HubInfo[]; defaultHub: string | null }>({ hubs: [], defaultHub: null });
  const [publications, setPublications] = useState<Publications>({ published: [], unfinished: null });
  const [error, setError] = useState<string | null>(null);

  const refreshPublications = useCallback(async () => setPublications(await findPublications(host, project.id)), [host, project.id]);

  useEffect(() => {
    let live = true;
    Promise.all([loadPublishSource(store, project), host.hub.list({}), findPublications(host, project.id)])
      .then(([s, h, p]) => {
        if (!live) return;
        setSource(s);
        setHubs(h);
        setPublications(p);
      })
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [host, store, project]);

  return { source, hubs: hubs.hubs, defaultHub: hubs.defaultHub, publications, error, refreshPublications };
}

export interface TokenUnits {
  symbol: string | null;
  decimals: number | null;
  error: string | null;
}

/**
 * The symbol and decimals of the reward token of `hubUrl`, read by the host
 * from the token contract the user pinned for that hub (never what the hub
 * says). Amounts typed in token units are converted to wei with these.
 */
export function useTokenUnits(hubUrl: string | null): TokenUnits | null {
  const host = useHost();
  const [units, setUnits] = useState<TokenUnits | null>(null);
  useEffect(() => {
    setUnits(null);
    if (!hubUrl) return;
    let live = true;
    host.rewards
      .get({ hubUrl })
      .then((r) => live && setUnits({ symbol: r.tokenSymbol, decimals: r.tokenDecimals, error: r.tokenDecimals === null ? 'the token contract does not report its decimals' : null }))
      .catch((e: unknown) => live && setUnits({ symbol: null, decimals: null, error: errorText(e) }));
    return () => {
      live = false;
    };
  }, [host, hubUrl]);
  return units;
}
