import { isVideoFile } from '../media/videoTypes';
import type { DownloadJob } from '../hub/downloadJob';
import type { VideoEngine } from './videoEngine';

/**
 * A hub task's download, then its videos' frame packs made for later, as
 * intake does for a granted folder: an annotator who downloads a video task
 * and opens an item later finds cold jumps a file read, not a decode from
 * the keyframe. The packs never hold up the download's result.
 */
export function withPacksAfterDownload(download: DownloadJob, videos: VideoEngine): DownloadJob {
  return async (params, context) => {
    const result = await download(params, context);
    for (const file of result.files) {
      if (!isVideoFile(file.relPath)) continue;
      // Through the media resolver, like any read of the granted folder.
      void videos.resolve(result.rootId, file.relPath).then(
        (video) => videos.preparePackForLater(video),
        () => undefined, // not a readable video: the workbench says so when it is opened
      );
    }
    return result;
  };
}
