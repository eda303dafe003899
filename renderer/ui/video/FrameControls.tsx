import { useState, type KeyboardEvent } from 'react';
import type { VideoController, VideoSnapshot } from '../../editor/video/videoController';
import { formatBox } from './formatBox';
import { describeSelected, type SelectedOnFrame } from './positionWords';

interface Props {
  controller: VideoController;
  snapshot: VideoSnapshot;
  /** The selected box on this frame and where it stands: a track's keyframe, interpolated, outside, or a plain box. */
  selected: SelectedOnFrame | null;
  onJumpStep: (n: number) => void;
  /** Where focus goes after a go-to jump, so the frame keys and the next click work at once. */
  onJumped: () => void;
}

/**
 * Play, frame number, go-to, jump step and the track commands, each with its
 * key in the tooltip. One line of fixed height whatever is selected: a
 * toolbar that wrapped would move the canvas under the pointer.
 */
export function FrameControls({ controller, snapshot, selected, onJumpStep, onJumped }: Props) {
  const [target, setTarget] = useState('');
  const [targetError, setTargetError] = useState<string | null>(null);
  const { frame, frameCount, playing, jumpStep, trackId } = snapshot;
  // Enter jumps and hands the keys back; there is no jump on blur, which used to
  // re-apply a stale number over the timeline click that took the focus away.
  const onGoToKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape') {
      setTarget('');
      setTargetError(null);
      onJumped();
    }
    if (e.key !== 'Enter') return;
    const n = Number(target);
    if (target.trim() === '' || !Number.isInteger(n) || n < 0 || n >= frameCount) {
      setTargetError(`Type a whole frame number from 0 to ${frameCount - 1}`);
      return;
    }
    controller.setFrame(n);
    setTarget('');
    setTargetError(null);
    onJumped();
  };
  return (
    <div className="toolbar frame-controls" role="toolbar" aria-label="Frames">
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
        title={targetError ?? 'Go to frame: type its number and press Enter'}
        aria-invalid={targetError !== null}
        style={{ width: 64 }}
        value={target}
        onChange={(e) => {
          setTarget(e.currentTarget.value);
          setTargetError(null);
        }}
        onKeyDown={onGoToKey}
      />
      <label className="hint" title="Frames V / C jump">
        ±<input data-testid="jump-step-input" type="number" min={1} value={jumpStep} style={{ width: 52 }} onChange={(e) => e.currentTarget.valueAsNumber >= 1 && onJumpStep(Math.round(e.currentTarget.valueAsNumber))} />
      </label>
      {targetError ? (
        <span className="frame-position error" data-testid="goto-frame-error" role="alert" title={targetError}>
          {targetError}
        </span>
      ) : (
        <span className="frame-position hint" data-testid="selected-box" data-box={selected ? formatBox(selected.box) : ''} title={selected ? describeSelected(selected) : 'No box selected'}>
          <span data-testid="selected-box-kind">{selected ? selected.position : ''}</span>
        </span>
      )}
      <span className="sep" />
      <button className="btn" data-testid="make-track-button" disabled={!selected || selected.position !== 'no track'} title="Make the selected box a track (T)" onClick={() => controller.makeTrack()}>
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
    </div>
  );
}
