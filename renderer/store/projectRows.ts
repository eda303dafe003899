import type { Project } from '../../core/model/project';
import { recordTypes } from '../../core/model/recordTypes';
import { UnreadableRecordError } from './errors';
import { readStored } from './storedRecords';

/** A stored project this version cannot open, and why. */
export interface UnreadableProject {
  id: string;
  name: string | null;
  reason: string;
}

/** A project row through the project migrator (undefined stays undefined); throws UnreadableRecordError naming it. */
export function readProjectRow(raw: Project | undefined): Project | undefined {
  return raw === undefined ? undefined : readStored(recordTypes.project, raw, `project ${String(raw.id)}${typeof raw.name === 'string' ? ` ("${raw.name}")` : ''}`);
}

/** Many project rows: the readable ones in order, and the others with their reason, so one bad row does not hide the rest. */
export function readProjectRows(rows: readonly Project[]): { projects: Project[]; unreadable: UnreadableProject[] } {
  const projects: Project[] = [];
  const unreadable: UnreadableProject[] = [];
  for (const raw of rows) {
    try {
      projects.push(readProjectRow(raw)!);
    } catch (error) {
      if (!(error instanceof UnreadableRecordError)) throw error;
      unreadable.push({ id: String(raw.id), name: typeof raw.name === 'string' ? raw.name : null, reason: error.reason });
    }
  }
  return { projects, unreadable };
}
