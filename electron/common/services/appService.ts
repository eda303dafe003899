import { z } from 'zod';
import { defineService, method } from '../contract/defineService';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  platform: z.string(),
  nodeVersion: z.string(),
  electronVersion: z.string().nullable(),
  /** Where the Node side keeps its state (granted roots, exports, demo media). Labels live in IndexedDB. */
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const appService = defineService(
  'app',
  {
    getInfo: method(z.object({}).strict(), AppInfoSchema),
    /** Native folder dialog where the host has one (Electron); the browser host answers null and the UI offers a path field. */
    pickFolder: method(z.object({ title: z.string().max(200).optional() }).strict(), z.object({ path: z.string().nullable() })),
  },
  {},
);
