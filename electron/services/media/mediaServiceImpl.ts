import { readFile } from 'node:fs/promises';
import type { ServiceImpl } from '../../common/contract/defineService';
import type { mediaService } from '../../common/services/mediaService';
import { ensureDemoFolder } from './demoFolder';
import { listDirectory } from './listDirectory';
import { resolveMediaPath } from './resolveMediaPath';
import type { RootStore } from './rootStore';
import { writeExport } from './writeExport';
import { deliverExport, type ExportDelivery } from '../exports/deliverExport';

export function createMediaService(dataDir: string, roots: RootStore, delivery: ExportDelivery = {}): ServiceImpl<typeof mediaService> {
  return {
    openFolder: ({ path }) => roots.grant(path),
    listRoots: () => roots.list(),
    listDirectory: ({ path }) => listDirectory(path),
    async readImage({ rootId, relPath }) {
      const media = await resolveMediaPath(await roots.pathOf(rootId), relPath);
      const buffer = await readFile(media.file);
      return { mime: media.mime, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength) };
    },
    async createDemoFolder() {
      return { path: await ensureDemoFolder(dataDir) };
    },
    writeExport: async ({ name, files, images }) => writeExport(dataDir, name, files, images && { rootRealPath: await roots.pathOf(images.rootId), copies: images.copies }),
    deliverExport: ({ name }) => deliverExport(dataDir, name, delivery),
  };
}
