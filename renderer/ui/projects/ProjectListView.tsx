import { useStoreQuery } from '../useStoreQuery';
import { ProjectCard } from './ProjectCard';
import { DemoProjectOffer } from './DemoProjectOffer';

interface Props {
  onOpen: (projectId: string) => void;
  onNew: () => void;
}

export function ProjectListView({ onOpen, onNew }: Props) {
  const { data: projects, error } = useStoreQuery((store) => store.listProjects(), []);
  return (
    <div className="page">
      <div className="page-narrow" data-testid="project-list">
        <div className="row">
          <h1 className="grow">Projects</h1>
          <button className="btn primary" data-testid="new-project-button" onClick={onNew}>
            New project
          </button>
        </div>
        {error !== null && <div className="error-box">Could not read projects: {String(error)}</div>}
        {projects && projects.length === 0 && <DemoProjectOffer onCreated={onOpen} />}
        <div className="project-grid">
          {projects?.map((p) => <ProjectCard key={p.id} project={p} onOpen={() => onOpen(p.id)} />)}
        </div>
      </div>
    </div>
  );
}
