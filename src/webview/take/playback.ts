// What the take editor's keys do and where playback goes at a selection's end: pure, so the
// transport's rules are tested in Node.

/** A stretch of the take in seconds, start < end. */
export interface TimeRange {
  start: number;
  end: number;
}

export type KeyAction =
  | 'toggle-play'
  | 'to-start'
  | 'to-end'
  | 'nudge-back'
  | 'nudge-forward'
  | 'nudge-back-fine'
  | 'nudge-forward-fine'
  | 'page-back'
  | 'page-forward'
  | 'shuttle-back'
  | 'shuttle-pause'
  | 'shuttle-forward'
  | 'toggle-loop'
  | 'clear-selection'
  | 'zoom-in'
  | 'zoom-out'
  | 'zoom-fit';

export interface KeyInput {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/**
 * Where the key was pressed: in a text field or list box it types; on a button (or an element
 * acting as one) Space and Enter activate it, as keyboard users expect.
 */
export type KeyTarget = 'text' | 'button' | 'other';

/**
 * The editor's keys, as in audio editors: Space plays and pauses, Home and End go to the ends,
 * arrows nudge the playhead, J/K/L shuttle, +/−/0 zoom. Keys with Ctrl, Cmd or Alt are VS
 * Code's; a key the editor does not use is left alone (undefined). R repeats (loops) the selection.
 */
export function keyAction(e: KeyInput, target: KeyTarget): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey || target === 'text') return undefined;
  if (target === 'button' && (e.key === ' ' || e.key === 'Enter')) return undefined;
  switch (e.key) {
    case ' ':
      return 'toggle-play';
    case 'Escape':
      return 'clear-selection';
    case 'Home':
      return 'to-start';
    case 'End':
      return 'to-end';
    case 'ArrowLeft':
      return e.shiftKey ? 'nudge-back-fine' : 'nudge-back';
    case 'ArrowRight':
      return e.shiftKey ? 'nudge-forward-fine' : 'nudge-forward';
    case 'PageUp':
      return 'page-back';
    case 'PageDown':
      return 'page-forward';
    case 'j':
    case 'J':
      return 'shuttle-back';
    case 'k':
    case 'K':
      return 'shuttle-pause';
    case 'l':
    case 'L':
      return 'shuttle-forward';
    case 'r':
    case 'R':
      return 'toggle-loop';
    case '+':
    case '=':
      return 'zoom-in';
    case '-':
    case '_':
      return 'zoom-out';
    case '0':
      return 'zoom-fit';
    default:
      return undefined;
  }
}

/** An arrow key moves the playhead by a tenth of the visible span (Shift: a hundredth), as a zoom-level step. */
export function nudgeSeconds(visibleSeconds: number, fine: boolean): number {
  return visibleSeconds / (fine ? 100 : 10);
}

/** "l" pressed again while playing forward doubles the speed, up to 4×. */
export function nextShuttleRate(playing: boolean, rate: number): number {
  return playing ? Math.min(4, rate * 2) : 1;
}

/** "j": back this far, playing on. */
export const SHUTTLE_BACK_SECONDS = 5;

/**
 * Where playback starts: inside the selection from the playhead, else from the selection's start;
 * with no selection, from the playhead (from the start once it has reached the end).
 */
export function playFrom(position: number, duration: number, selection: TimeRange | null): number {
  if (selection) return position >= selection.start && position < selection.end ? position : selection.start;
  return position >= duration ? 0 : position;
}

/**
 * What a playing transport does at `position`: carry on, jump back to the selection's start (looping),
 * or stop at the selection's end and return to its start.
 */
export function atPosition(position: number, selection: TimeRange | null, loop: boolean, startedAt: number): 'play' | 'loop' | 'stop' {
  // Only playback that started inside the selection is bound by it.
  if (!selection || startedAt < selection.start || startedAt >= selection.end) return 'play';
  if (position < selection.end) return 'play';
  return loop ? 'loop' : 'stop';
}
