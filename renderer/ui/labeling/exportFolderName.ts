import type { FormatId } from '../../../core/formats';
import type { VideoFormatId } from '../../../core/formats/video';

/** Export name: project slug, format and a timestamp, within writeExport's [\w.-] rule. */
export function exportFolderName(projectName: string, format: FormatId | VideoFormatId | 'corrections', now: Date): string {
  const slug = projectName.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'project';
  const stamp = now.toISOString().replace(/[:]/g, '-').replace(/\..*$/, '');
  return `${slug}-${format}-${stamp}`;
}
