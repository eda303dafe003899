import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { FormatFile } from '../../../core/formats';
import type { Project } from '../../../core/model/project';
import type { FrameRange } from '../../../core/video';
import { LabelCanvas } from '../../canvas/LabelCanvas';
import { TrackMarksLayer } from '../../canvas/TrackMarksLayer';
import { classColorLookup } from '../../canvas/classColors';
import type { Editor } from '../../editor/createEditor';
import type { VideoController } from '../../editor/video/videoController';
import type { ItemDocument } from '../../store/itemDocument';
import { useStore } from '../StoreContext';
import { ShapePanels } from '../labeling/ShapePanels';
import { StatusBar } from '../labeling/StatusBar';
import { Toolbar } from '../labeling/Toolbar';
import { useRememberedCamera } from '../labeling/useRememberedCamera';
import { useSaveState } from '../labeling/useSaveState';
import { AutoTrackPanel } from './AutoTrackPanel';
import { FrameControls } from './FrameControls';
import { positionOf } from './positionWords';
import { ShotsPanel } from './ShotsPanel';
import { TagsPanel } from './TagsPanel';
import { Timeline } from './Timeline';
import { usePlayback } from './usePlayback';
import { useVideoController, VIDEO_SETTING } from './useVideoController';
import { useVideoFrame } from './useVideoFrame';
import { useVideoHotkeys } from './useVideoHotkeys';
import { VideoFormatsPanel } from './VideoFormatsPanel';

interface Props {
  editor: Editor;
  document: ItemDocument;
  project: Project;
  /** A dialog is open: frame keys pause like the editor's. */
  keysPaused: boolean;
  onExport: () => void;
  onImport: (files: FormatFile[]) => void;
  onHelp: () => void;
  /** The frame to open at (the remembered one after a reload). */
  startFrame?: number;
  /** Each frame shown, so the place can be remembered. */
  onFrame?: (itemId: string, frame: number) => void;
}

/** The frame labeling view: the editor on the current frame, the timeline, and the video panels. */
export function VideoWorkbench(props: Props) {
  const controller = useVideoController(props.editor, props.document, props.startFrame);
  useVideoHotkeys(controller, props.keysPaused);
  if (!controller) return <div className="center hint" style={{ padding: 24 }}>Opening video…</div>;
  return <VideoFrameView {...props} controller={controller} />;
}

function VideoFrameView({ editor, document, project, controller, onExport, onImport, onHelp, onFrame }: Props & { controller: VideoController }) {
  const store = useStore();
  const saveState = useSaveState(document);
  const snapshot = useSyncExternalStore(editor.subscribe, editor.getSnapshot);
  const video = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  const subscribeDocument = useCallback((listener: () => void) => document.subscribe(listener), [document]);
  const videoState = useSyncExternalStore(subscribeDocument, () => document.getVideo());
  const item = controller.item;
  useRememberedCamera(editor, item.id);
  useEffect(() => onFrame?.(item.id, video.frame), [onFrame, item.id, video.frame]);
  const [direction, setDirection] = useState<'forward' | 'backward' | 'none'>('none');
  const [lastFrame, setLastFrame] = useState(video.frame);
  if (video.frame !== lastFrame) {
    setLastFrame(video.frame);
    setDirection(video.frame > lastFrame ? 'forward' : 'backward');
  }
  const frameView = useVideoFrame(project.rootId, item, video.frame, direction);
  usePlayback(controller, video, item.video?.fps ?? 30, frameView.shownFrame, frameView.error !== null);
  const [range, setRange] = useState<FrameRange | null>(null);
  const colorOf = useMemo(() => classColorLookup(snapshot.labelSchema), [snapshot.labelSchema]);

  const trackInfo = controller.frames.trackInfo();
  const interpolated = useMemo(() => new Set([...trackInfo.values()].filter((i) => !i.keyframe).map((i) => i.trackId)), [trackInfo]);
  const selectedId = snapshot.selectedIds.length === 1 ? snapshot.selectedIds[0]! : null;
  const selectedShape = selectedId ? snapshot.shapeIndex.get(selectedId) : undefined;
  const selected = selectedShape ? { box: selectedShape.box, position: positionOf(trackInfo.get(selectedShape.id)) } : null;
  const canvasWrap = useRef<HTMLDivElement>(null);
  // After a go-to jump the keys belong to the frame view again (F, K…), and the field no longer holds the focus.
  const focusCanvas = () => canvasWrap.current?.querySelector<HTMLElement>('.canvas-container')?.focus({ preventScroll: true });

  const saveSettings = (patch: { jumpStep?: number }) => {
    if (patch.jumpStep) controller.setJumpStep(patch.jumpStep);
    void store.setSetting(VIDEO_SETTING, { jumpStep: controller.getSnapshot().jumpStep, propagateCount: controller.getSnapshot().propagateCount });
  };

  return (
    <>
      <main className="center" data-testid="video-view">
        <Toolbar editor={editor} snapshot={snapshot} onExport={onExport} onImport={onImport} onHelp={onHelp} />
        <FrameControls controller={controller} snapshot={video} selected={selected} onJumpStep={(jumpStep) => saveSettings({ jumpStep })} onJumped={focusCanvas} />
        <div ref={canvasWrap} className="canvas-wrap" data-shown-frame={frameView.shownFrame ?? ''}>
          <LabelCanvas snapshot={snapshot} imageUrl={null} image={frameView.error ? null : frameView.image} input={editor} overlay={<TrackMarksLayer shapes={snapshot.shapes} interpolatedIds={interpolated} camera={snapshot.camera} />} />
          {frameView.error && <div className="canvas-message" data-testid="frame-unreadable">{frameView.error}</div>}
        </div>
        <Timeline
          frameCount={video.frameCount}
          frame={video.frame}
          segments={videoState.segments?.segments ?? []}
          keyframes={video.trackKeyframes}
          labeled={video.labeledRanges}
          tags={videoState.frameTags}
          colorOf={colorOf}
          range={range}
          onSeek={(f) => controller.setFrame(f)}
          onRange={setRange}
        />
        <StatusBar snapshot={snapshot} saveState={saveState} />
      </main>
      <aside className="side right">
        <ShapePanels editor={editor} snapshot={snapshot} />
        <ShotsPanel controller={controller} rootId={project.rootId} item={item} segments={videoState.segments} frame={video.frame} />
        <TagsPanel controller={controller} schema={snapshot.labelSchema} tags={videoState.frameTags} frame={video.frame} range={range} />
        <AutoTrackPanel controller={controller} rootId={project.rootId} item={item} schema={snapshot.labelSchema} frame={video.frame} selected={selectedShape ? { box: selectedShape.box, classId: selectedShape.classId } : null} />
        <VideoFormatsPanel controller={controller} project={project} item={item} />
      </aside>
    </>
  );
}
