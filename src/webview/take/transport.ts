// The take editor's transport: play/pause, stop, back to start, loop, the position and timecode, in
// the theme's colours, over an <audio> element that streams the take (never shown: the native
// control cannot follow the theme). While playing, the playhead moves every animation frame; a
// selection bounds playback that starts inside it.

import { formatTime } from '../../core/format';
import { h, icon, type IconName } from './dom';
import { atPosition, nextShuttleRate, playFrom, SHUTTLE_BACK_SECONDS, type TimeRange } from './playback';

export interface TransportHost {
  /** The playhead is at `seconds` (every frame while playing, and after every move). */
  position(seconds: number, playing: boolean): void;
  /** Playback started or stopped. */
  playingChanged(playing: boolean): void;
}

export class Transport {
  readonly element: HTMLElement;
  private readonly audio = h('audio', { preload: 'metadata' });
  private readonly playButton: HTMLButtonElement;
  private readonly loopButton: HTMLButtonElement;
  private readonly clock = h('span', { class: 'clock', 'aria-live': 'off' });
  private readonly note = h('span', { class: 'muted transport-note', role: 'status' });
  private duration = 0;
  private timecode: ((seconds: number) => string) | undefined;
  private selection: TimeRange | null = null;
  private loop = false;
  /** Where the current playback started: Stop returns there, and it decides whether the selection bounds it. */
  private startedAt = 0;
  /** The playhead while paused (the element's own time is not settled until it has loaded). */
  private here = 0;
  private raf = 0;

  constructor(private readonly host: TransportHost) {
    const button = (name: IconName, label: string, run: () => void, cls = '') => {
      const b = h('button', { type: 'button', class: `transport-button ${cls}`.trim(), title: label, 'aria-label': label }, icon(name));
      b.addEventListener('click', run);
      return b;
    };
    this.playButton = button('play', 'Play (Space)', () => this.toggle(), 'play');
    this.loopButton = button('loop', 'Loop the selection (R)', () => this.setLoop(!this.loop), 'loop');
    this.loopButton.setAttribute('aria-pressed', 'false');
    this.element = h(
      'div',
      { class: 'transport', role: 'group', 'aria-label': 'Transport' },
      button('start', 'Back to the start (Home)', () => this.seek(0)),
      this.playButton,
      button('stop', 'Stop: back to where playback started', () => this.stop()),
      this.loopButton,
      this.clock,
      this.note,
      this.audio,
    );
    this.audio.addEventListener('play', () => this.started());
    this.audio.addEventListener('pause', () => this.stopped());
    this.audio.addEventListener('ended', () => {
      this.here = this.duration;
      this.moved();
    });
    this.audio.addEventListener('error', () => {
      this.note.textContent = 'This player cannot play this file; the figures are unaffected.';
    });
  }

  get playing(): boolean {
    return !this.audio.paused;
  }

  get time(): number {
    return this.playing ? this.audio.currentTime : this.here;
  }

  get looping(): boolean {
    return this.loop;
  }

  /** A new take (or the same file recorded again: what the player buffered is dropped). */
  load(src: string): void {
    this.audio.pause();
    if (src && this.audio.getAttribute('src') !== src) this.audio.src = src;
    else if (src) this.audio.load();
    this.note.textContent = '';
    this.here = 0;
    this.duration = 0;
  }

  setTake(durationSeconds: number, timecode: ((seconds: number) => string) | undefined): void {
    this.duration = durationSeconds;
    this.timecode = timecode;
    this.moved();
  }

  setSelection(selection: TimeRange | null): void {
    this.selection = selection;
  }

  setLoop(loop: boolean): void {
    this.loop = loop;
    this.loopButton.setAttribute('aria-pressed', String(loop));
  }

  toggle(): void {
    if (this.playing) this.audio.pause();
    else this.play();
  }

  /** Plays from `from` (default: the playhead, or the selection's start). */
  play(from?: number, rate = 1): void {
    const t = from ?? playFrom(this.here, this.duration, this.selection);
    this.startedAt = t;
    this.setTime(t);
    this.audio.playbackRate = rate;
    this.audio.play().catch((err: Error) => {
      // Playback needs a gesture first, or the format is not one the browser plays.
      this.note.textContent =
        err.name === 'NotAllowedError' ? 'Press Space or Play to start playback.' : 'This player cannot play this file; the figures are unaffected.';
    });
  }

  pause(): void {
    this.audio.pause();
  }

  /** Stops and returns to where playback started. */
  stop(): void {
    const back = this.startedAt;
    this.audio.pause();
    this.seek(back);
  }

  /** Moves the playhead; playback (if any) goes on from there. */
  seek(seconds: number): void {
    const t = Math.max(0, Math.min(seconds, this.duration || seconds));
    if (this.playing) this.startedAt = t;
    this.setTime(t);
    this.moved();
  }

  /** J: back a few seconds, playing on at normal speed. */
  shuttleBack(): void {
    const t = Math.max(0, this.time - SHUTTLE_BACK_SECONDS);
    if (this.playing) {
      this.audio.playbackRate = 1;
      this.seek(t);
    } else this.play(t);
  }

  /** L: play, and faster each time it is pressed again (2×, 4×). */
  shuttleForward(): void {
    const rate = nextShuttleRate(this.playing, this.audio.playbackRate);
    if (this.playing) this.audio.playbackRate = rate;
    else this.play(undefined, rate);
  }

  private setTime(t: number): void {
    this.here = t;
    try {
      this.audio.currentTime = t;
    } catch {
      // Not seekable before its metadata loaded: it starts from `here` once it is.
    }
  }

  private started(): void {
    this.playButton.replaceChildren(icon('pause'));
    this.label(this.playButton, 'Pause (Space)');
    this.playButton.setAttribute('aria-pressed', 'true');
    this.note.textContent = '';
    this.host.playingChanged(true);
    cancelAnimationFrame(this.raf);
    const frame = () => {
      if (!this.playing) return;
      const t = this.audio.currentTime;
      const next = atPosition(t, this.selection, this.loop, this.startedAt);
      if (next === 'loop') this.setTime(this.selection!.start);
      else if (next === 'stop') {
        this.audio.pause();
        this.seek(this.selection!.start);
        return;
      }
      this.here = this.audio.currentTime;
      this.moved();
      this.raf = requestAnimationFrame(frame);
    };
    this.raf = requestAnimationFrame(frame);
  }

  private stopped(): void {
    cancelAnimationFrame(this.raf);
    this.here = this.audio.currentTime;
    this.playButton.replaceChildren(icon('play'));
    this.label(this.playButton, 'Play (Space)');
    this.playButton.setAttribute('aria-pressed', 'false');
    this.audio.playbackRate = 1;
    this.moved();
    this.host.playingChanged(false);
  }

  private label(b: HTMLButtonElement, text: string): void {
    b.title = text;
    b.setAttribute('aria-label', text);
  }

  private moved(): void {
    const t = this.time;
    this.clock.textContent = `${formatTime(t)} / ${formatTime(this.duration)}${this.timecode ? ` · TC ${this.timecode(t)}` : ''}`;
    this.host.position(t, this.playing);
  }
}
