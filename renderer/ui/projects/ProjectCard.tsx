import type { ProjectSummary } from '../../store/labelStore';

export function ProjectCard({ project, onOpen }: { project: ProjectSummary; onOpen: () => void }) {
  const pct = project.itemCount > 0 ? Math.round((project.doneCount / project.itemCount) * 100) : 0;
  return (
    <button className="card project-card" data-testid="project-card" data-project-name={project.name} onClick={onOpen}>
      <h2>{project.name}</h2>
      <div className="stat mono" title={project.rootPath}>
        {project.rootPath}
      </div>
      <div className="progress" aria-label={`${pct}% done`}>
        <div style={{ width: `${pct}%` }} />
      </div>
      <div className="stat">
        {project.itemCount} items · {project.doneCount} done · {project.labelSchema.classes.length} classes
      </div>
    </button>
  );
}
