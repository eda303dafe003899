import { useCallback, useEffect, useState } from 'react';
import { readView, writeView } from '../store/rememberedPlace';
import { ConnectionBadge } from './ConnectionBadge';
import { LabelingView } from './labeling/LabelingView';
import { NetworkView } from './network/NetworkView';
import { SyncProvider } from './network/SyncContext';
import { NewProjectView } from './newProject/NewProjectView';
import { ProjectListView } from './projects/ProjectListView';
import { PublishButton } from './requester/publish/PublishButton';
import { SchemaEditorView } from './schema/SchemaEditorView';
import { useStore } from './StoreContext';
import { useStoreQuery } from './useStoreQuery';

export type Route = { name: 'projects' } | { name: 'new' } | { name: 'network' } | { name: 'label'; projectId: string } | { name: 'schema'; projectId: string };

/**
 * Top bar and the one view the user is in. The view is remembered, so a
 * reload comes back to it; a remembered project that is gone falls back to
 * the project list.
 */
export function Workspace() {
  const route = useRememberedRoute();
  if (!route.current) return <div className="full-page-message hint">Opening where you were…</div>;
  return <WorkspaceAt route={route.current} setRoute={route.set} />;
}

function WorkspaceAt({ route, setRoute }: { route: Route; setRoute: (r: Route) => void }) {
  const projectId = route.name === 'label' || route.name === 'schema' ? route.projectId : null;
  // The answer names the project it is for: the query keeps its last answer while the next one is read.
  const { data: found } = useStoreQuery(async (store) => ({ projectId, project: projectId ? await store.getProject(projectId) : undefined }), [projectId]);
  const project = found?.projectId === projectId ? found.project : undefined;
  // Deleted since it was remembered (or since the link was made): back to the list rather than an empty page.
  const missing = projectId !== null && found?.projectId === projectId && !found.project;
  useEffect(() => {
    if (missing) setRoute({ name: 'projects' });
  }, [missing, setRoute]);
  return (
    <SyncProvider>
      <div className="app">
        <header className="topbar">
          <span className="brand">Groundwork</span>
          {route.name !== 'projects' && (
            <button className="btn ghost" data-testid="back-to-projects" onClick={() => setRoute({ name: 'projects' })}>
              ← Projects
            </button>
          )}
          {route.name === 'new' && <span className="crumb">New project</span>}
          {route.name === 'network' && <span className="crumb">Network</span>}
          {project && <span className="crumb">{project.name}</span>}
          {route.name === 'schema' && <span className="crumb">/ Label schema</span>}
          <span className="spacer" />
          {route.name === 'label' && project && <PublishButton project={project} />}
          {projectId && route.name === 'label' && (
            <button className="btn ghost" onClick={() => setRoute({ name: 'schema', projectId })}>
              Edit label schema
            </button>
          )}
          {projectId && route.name === 'schema' && (
            <button className="btn ghost" onClick={() => setRoute({ name: 'label', projectId })}>
              Back to labeling
            </button>
          )}
          {route.name !== 'network' && (
            <button className="btn ghost" data-testid="open-network" onClick={() => setRoute({ name: 'network' })}>
              Network
            </button>
          )}
          <ConnectionBadge />
        </header>
        {route.name === 'projects' && <ProjectListView onOpen={(id) => setRoute({ name: 'label', projectId: id })} onNew={() => setRoute({ name: 'new' })} />}
        {route.name === 'new' && <NewProjectView onCreated={(id) => setRoute({ name: 'label', projectId: id })} />}
        {route.name === 'label' && project && <LabelingView key={project.id} project={project} />}
        {route.name === 'schema' && project && <SchemaEditorView key={project.id} project={project} onDone={() => setRoute({ name: 'label', projectId: project.id })} />}
        {route.name === 'network' && <NetworkView onOpenProject={(id) => setRoute({ name: 'label', projectId: id })} />}
      </div>
    </SyncProvider>
  );
}

/** The open view, read back from the store on start and written on every move. */
function useRememberedRoute(): { current: Route | null; set: (route: Route) => void } {
  const store = useStore();
  const [current, setCurrent] = useState<Route | null>(null);
  useEffect(() => {
    let live = true;
    readView(store).then(
      (view) => live && setCurrent(view ?? { name: 'projects' }),
      () => live && setCurrent({ name: 'projects' }),
    );
    return () => {
      live = false;
    };
  }, [store]);
  const set = useCallback(
    (route: Route) => {
      setCurrent(route);
      // "New project" is a form half filled in: a reload goes back to the list rather than to an empty form.
      writeView(store, route.name === 'new' ? { name: 'projects' } : route).catch((e: unknown) => console.warn('Could not remember the open view:', e));
    },
    [store],
  );
  return { current, set };
}
