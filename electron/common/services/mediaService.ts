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
/** An export folder's name: letters, digits, _ . - only, never starting with a dot (temporary folders do). */
export const ExportNameSchema = z.string().min(1).max(120).regex(/^[\w-][\w.-]*$/);
export const ExportDeliveryResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('download'), url: z.string() }),
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
]);
export type ExportDeliveryResult = z.infer<typeof ExportDeliveryResultSchema>;
export const ExportImageSchema = z.object({ path: RelPathSchema, relPath: RelPathSchema }).strict();

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
      z
        .object({
          name: ExportNameSchema,
          files: z.array(ExportFileSchema).min(1).max(100_000),
          /** Media files copied into the export (e.g. a YOLO dataset's images), read through the same gate as readImage. */
          images: z.object({ rootId: z.string().min(1), copies: z.array(ExportImageSchema).max(100_000) }).strict().optional(),
        })
        .strict(),
      /** `name` is the folder's name: the one asked for, or numbered when that one exists. */
      z.object({ dir: z.string(), name: z.string(), paths: z.array(z.string()) }),
    ),
    /** A written export as one zip: Electron asks where to save it; the browser host answers a download URL (with the session token). */
    deliverExport: method(z.object({ name: ExportNameSchema }).strict(), ExportDeliveryResultSchema),
  },
  {},
);
