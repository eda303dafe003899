import { useState } from 'react';
import type { ProjectSummary } from '../../store/labelStore';
import { plural } from '../words/plural';
import { AddMediaDialog } from './AddMediaDialog';
import { DeleteProjectDialog } from './DeleteProjectDialog';
import { RenameProjectDialog } from './RenameProjectDialog';

type Dialog = 'rename' | 'delete' | 'add' | null;

/** One project: the big area opens it; rename, add files and delete sit below it, each behind its own dialog. */
export function ProjectCard({ project, onOpen }: { project: ProjectSummary; onOpen: () => void }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const pct = project.itemCount > 0 ? Math.round((project.doneCount / project.itemCount) * 100) : 0;
  return (
    <div className="card project-card" data-testid="project-card" data-project-name={project.name}>
      <button className="project-card-open" data-testid="open-project" onClick={onOpen}>
        <h2>{project.name}</h2>
        <div className="stat mono" title={project.rootPath}>
          {project.rootPath}
        </div>
        <div className="progress" aria-label={`${pct}% done`}>
          <div style={{ width: `${pct}%` }} />
        </div>
        <div className="stat" data-testid="project-stats">
          {plural(project.itemCount, 'item')} · {project.doneCount} done · {plural(project.labelSchema.classes.length, 'class', 'classes')}
        </div>
      </button>
      <div className="row project-card-actions">
        <button className="btn ghost" data-testid="rename-project-button" onClick={() => setDialog('rename')}>
          Rename
        </button>
        <button className="btn ghost" data-testid="add-media-button" onClick={() => setDialog('add')}>
          Add files…
        </button>
        <span className="grow" />
        <button className="btn ghost danger" data-testid="delete-project-button" onClick={() => setDialog('delete')}>
          Delete…
        </button>
      </div>
      {dialog === 'rename' && <RenameProjectDialog project={project} onClose={close} />}
      {dialog === 'delete' && <DeleteProjectDialog project={project} onClose={close} />}
      {dialog === 'add' && <AddMediaDialog project={project} onClose={close} />}
    </div>
  );
}
