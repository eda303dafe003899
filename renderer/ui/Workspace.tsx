import { useState } from 'react';
import { ConnectionBadge } from './ConnectionBadge';
import { LabelingView } from './labeling/LabelingView';
import { NetworkView } from './network/NetworkView';
import { SyncProvider } from './network/SyncContext';
import { NewProjectView } from './newProject/NewProjectView';
import { ProjectListView } from './projects/ProjectListView';
import { PublishButton } from './requester/publish/PublishButton';
import { SchemaEditorView } from './schema/SchemaEditorView';
import { useStoreQuery } from './useStoreQuery';

export type Route = { name: 'projects' } | { name: 'new' } | { name: 'network' } | { name: 'label'; projectId: string } | { name: 'schema'; projectId: string };

/** Top bar and the one view the user is in. Navigation is app state, so a reload starts at the project list. */
export function Workspace() {
  const [route, setRoute] = useState<Route>({ name: 'projects' });
  const projectId = route.name === 'label' || route.name === 'schema' ? route.projectId : null;
  const { data: project } = useStoreQuery((store) => (projectId ? store.getProject(projectId) : Promise.resolve(undefined)), [projectId]);
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
