/**
 * Schema of issue 11 (publishing from the workstation): who uploaded which
 * media. `POST /media/held` answers a requester only for hashes they
 * uploaded themselves, so an
 * interrupted publish skips what it already sent without the hub ever
 * confirming that it holds another requester's file (media/heldMedia.ts).
 *
 * Uploads made before this migration have no row: their requester sends
 * them again once (the bytes are checked and the row written). Guessing an
 * uploader from the tasks that list a hash would not do: a task may list
 * any hash without sending its bytes.
 */
export const mediaUploadsMigration = {
  version: 7,
  statements: [
    `CREATE TABLE media_uploads (
      uploader text NOT NULL,
      sha256 text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (uploader, sha256))`,
  ],
};
