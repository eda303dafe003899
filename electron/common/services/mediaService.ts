import { z } from 'zod';
import { defineService, method } from '../contract/defineService';

/** A relative media path: forward slashes, no absolute paths, no '..' segments, no NUL. */
export const RelPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.split(/[\\/]/).includes('..'), {
    message: 'path must be relative to the media root and may not contain ".."',
  });

export const MediaRootSchema = z.object({ rootId: z.string().min(1), path: z.string().min(1) });
export type MediaRoot = z.infer<typeof MediaRootSchema>;

export const DirectoryListingSchema = z.object({
  path: z.string(),
  parent: z.string().nullable(),
  entries: z.array(z.object({ name: z.string(), path: z.string(), isDirectory: z.boolean() })),
});
export type DirectoryListing = z.infer<typeof DirectoryListingSchema>;

export const ExportFileSchema = z.object({ path: RelPathSchema, content: z.string() });

export const mediaService = defineService(
  'media',
  {
    /** Grant a folder as a media root; everything the renderer reads is addressed inside a granted root. */
    openFolder: method(z.object({ path: z.string().min(1).max(4096) }).strict(), MediaRootSchema),
    listRoots: method(z.object({}).strict(), z.array(MediaRootSchema)),
    /** Folder browser for hosts without a native dialog. */
    listDirectory: method(z.object({ path: z.string().max(4096).optional() }).strict(), DirectoryListingSchema),
    readImage: method(
      z.object({ rootId: z.string().min(1), relPath: RelPathSchema }).strict(),
      z.object({ mime: z.string(), bytes: z.instanceof(Uint8Array) }),
    ),
    /** Writes a small set of demo images (made on first use) and returns their folder. */
    createDemoFolder: method(z.object({}).strict(), z.object({ path: z.string() })),
    /** Writes all files of one export into a new folder at once: either every file lands or none. */
    writeExport: method(
      z.object({ name: z.string().min(1).max(120).regex(/^[\w.-]+$/), files: z.array(ExportFileSchema).min(1).max(100_000) }).strict(),
      z.object({ dir: z.string(), paths: z.array(z.string()) }),
    ),
  },
  {},
);
