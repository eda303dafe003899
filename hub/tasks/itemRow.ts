/** What an annotator is handed of an item (POST /tasks/:taskId/assignments), as read from `items`. */
export const ITEM_COLUMNS = 'id, idx, sha256, file_name, width, height, url, video';

export interface ItemRow {
  id: string;
  idx: number;
  sha256: string;
  file_name: string;
  width: number;
  height: number;
  url: string | null;
  video: { frameCount: number; fps: number } | null;
}
