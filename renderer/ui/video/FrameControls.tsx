import { useState } from 'react';
import type { Box } from '../../../core/model/shape';
import type { VideoController, VideoSnapshot } from '../../editor/video/videoController';
import { formatBox } from './formatBox';

interface Props {
  controller: VideoController;
  snapshot: VideoSnapshot;
  /** The selected box on this frame and whether it is a track's keyframe, interpolated, or a plain box. */
  selected: { box: Box; kind: 'keyframe' | 'interpolated' | 'box' } | null;
  onJumpStep: (n: number) => void;
}

/** Play, frame number, go-to, jump step and the track commands, each with its key in the tooltip. */
export function FrameControls({ controller, snapshot, selected, onJumpStep }: Props) {
  const [target, setTarget] = useState('');
  const { frame, frameCount, playing, jumpStep, trackId } = snapshot;
  const go = () => {
    const n = Number(target);
    if (target.trim() !== '' && Number.isInteger(n)) controller.setFrame(n);
  };
  return (
    <div className="toolbar" role="toolbar" aria-label="Frames" style={{ flexWrap: 'wrap', height: 'auto', minHeight: 40 }}>
      <button className="btn icon" data-testid="play-button" aria-pressed={playing} title="Play / pause (Space)" onClick={() => controller.togglePlay()}>
        {playing ? '❚❚' : '▶'}
      </button>
      <button className="btn icon" title="Back N frames (C)" onClick={() => controller.step(-jumpStep)}>«</button>
      <button className="btn icon" title="Previous frame (D)" onClick={() => controller.step(-1)}>‹</button>
      <span className="mono" title="Current frame (0-based) / frame count">
        <b data-testid="frame-number">{frame}</b> / {frameCount}
      </span>
      <button className="btn icon" title="Next frame (F)" onClick={() => controller.step(1)}>›</button>
      <button className="btn icon" title="Forward N frames (V)" onClick={() => controller.step(jumpStep)}>»</button>
      <input
        data-testid="goto-frame-input"
        type="number"
        min={0}
        max={frameCount - 1}
        placeholder="Go to"
        style={{ width: 64 }}
        value={target}
        onChange={(e) => setTarget(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') go();
        }}
        onBlur={go}
      />
      <label className="hint" title="Frames V / C jump">
        ±<input data-testid="jump-step-input" type="number" min={1} value={jumpStep} style={{ width: 52 }} onChange={(e) => e.currentTarget.valueAsNumber >= 1 && onJumpStep(Math.round(e.currentTarget.valueAsNumber))} />
      </label>
      <span className="sep" />
      <button className="btn" data-testid="make-track-button" disabled={!selected || selected.kind !== 'box'} title="Make the selected box a track (T)" onClick={() => controller.makeTrack()}>
        Make track
      </button>
      <button className="btn" data-testid="keyframe-button" disabled={!trackId} title="Keyframe here (K); Shift+K removes it" onClick={() => controller.keyframe()}>
        ◆ Key
      </button>
      <button className="btn" data-testid="outside-button" disabled={!trackId} title="Outside from here on / back inside (O)" onClick={() => controller.runAction('track.outside')}>
        Outside
      </button>
      <button className="btn" data-testid="propagate-button" disabled={!selected} title={`Propagate over the next ${snapshot.propagateCount} frames (Ctrl+B)`} onClick={() => controller.propagate()}>
        Propagate
      </button>
      <span className="mono hint" title="The selected box on this frame: x,y,w,h and whether it is a keyframe, interpolated or a plain box">
        <span data-testid="selected-box">{selected ? formatBox(selected.box) : ''}</span> <span data-testid="selected-box-kind">{selected ? selected.kind : ''}</span>
      </span>
    </div>
  );
}
