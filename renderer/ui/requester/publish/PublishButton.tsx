import { useState, type KeyboardEvent } from 'react';
import type { Project } from '../../../../core/model/project';
import { PublishDialog } from './PublishDialog';

/** Keys typed in the dialog are the dialog's: they must not reach the labeling view's hotkeys (on window) and edit boxes behind it. Escape still closes it. */
const keepKeysInDialog = (e: KeyboardEvent) => {
  if (e.key !== 'Escape') e.stopPropagation();
};

/** "Publish to hub…" for the open project (the top bar, while labeling). */
export function PublishButton({ project }: { project: Project }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="btn ghost" data-testid="publish-project" title="Publish this project as a task on a hub" onClick={() => setOpen(true)}>
        Publish to hub…
      </button>
      {open && (
        <div onKeyDown={keepKeysInDialog} onKeyUp={keepKeysInDialog}>
          <PublishDialog project={project} onClose={() => setOpen(false)} />
        </div>
      )}
    </>
  );
}
