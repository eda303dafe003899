/**
 * Schema of issue 11 (publishing from the workstation): who uploaded which
 * media. `POST /media/held` answers a requester only for hashes they
 * uploaded themselves, so an
 * interrupted publish skips what it already sent without the hub ever
 * confirming that it holds another requester's file (media/heldMedia.ts).
 *
 * Uploads made before this migration have no record of who sent them. The
 * requesters of tasks that already list stored media are recorded as their
 * uploaders, so those tasks keep serving their media to their annotators
 * (access/mediaAccess.ts now opens stored bytes only through items whose
 * requester uploaded them). That keeps, for data already there, exactly
 * what the old rule allowed; from this migration on, only a real upload
 * makes a requester an uploader.
 */
export const mediaUploadsMigration = {
  version: 7,
  statements: [
    `CREATE TABLE media_uploads (
      uploader text NOT NULL,
      sha256 text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (uploader, sha256))`,
    `INSERT INTO media_uploads (uploader, sha256)
     SELECT DISTINCT t.requester, i.sha256 FROM items i JOIN tasks t ON t.id = i.task_id JOIN media m ON m.sha256 = i.sha256
     ON CONFLICT DO NOTHING`,
  ],
};
