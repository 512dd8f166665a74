import assert from 'node:assert/strict';
import { atPosition, keyAction, nextShuttleRate, nudgeSeconds, playFrom, type KeyInput } from '../../../src/webview/take/playback';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('take editor: transport keys and playback rules', () => {
  it('maps the audio-editor keys', () => {
    assert.equal(keyAction(key(' '), 'other'), 'toggle-play');
    assert.equal(keyAction(key('Home'), 'other'), 'to-start');
    assert.equal(keyAction(key('End'), 'other'), 'to-end');
    assert.equal(keyAction(key('ArrowLeft'), 'other'), 'nudge-back');
    assert.equal(keyAction(key('ArrowRight', { shiftKey: true }), 'other'), 'nudge-forward-fine');
    assert.deepEqual(
      ['j', 'k', 'l', 'L'].map((k) => keyAction(key(k), 'other')),
      ['shuttle-back', 'shuttle-pause', 'shuttle-forward', 'shuttle-forward'],
    );
    assert.equal(keyAction(key('r'), 'other'), 'toggle-loop');
    assert.equal(keyAction(key('Escape'), 'other'), 'clear-selection');
    assert.deepEqual(
      ['+', '-', '0'].map((k) => keyAction(key(k), 'other')),
      ['zoom-in', 'zoom-out', 'zoom-fit'],
    );
    assert.equal(keyAction(key('x'), 'other'), undefined);
  });

  it("leaves VS Code's chords, typing, and a focused button's Space and Enter alone", () => {
    assert.equal(keyAction(key(' ', { ctrlKey: true }), 'other'), undefined);
    assert.equal(keyAction(key('l', { metaKey: true }), 'other'), undefined);
    assert.equal(keyAction(key(' '), 'text'), undefined);
    assert.equal(keyAction(key(' '), 'button'), undefined);
    assert.equal(keyAction(key('Enter'), 'button'), undefined);
    assert.equal(keyAction(key('Home'), 'button'), 'to-start');
  });

  it('nudges by a tenth (Shift: a hundredth) of the visible span', () => {
    assert.equal(nudgeSeconds(10, false), 1);
    assert.equal(nudgeSeconds(10, true), 0.1);
  });

  it('shuttles forward at 1×, then 2× and 4× while playing', () => {
    assert.deepEqual([nextShuttleRate(false, 1), nextShuttleRate(true, 1), nextShuttleRate(true, 2), nextShuttleRate(true, 4)], [1, 2, 4, 4]);
  });

  it('plays from the playhead, from a selection start, or from the top once at the end', () => {
    assert.equal(playFrom(3, 10, null), 3);
    assert.equal(playFrom(10, 10, null), 0);
    assert.equal(playFrom(3, 10, { start: 2, end: 4 }), 3);
    assert.equal(playFrom(5, 10, { start: 2, end: 4 }), 2);
    assert.equal(playFrom(4, 10, { start: 2, end: 4 }), 2);
  });

  it('a selection bounds playback that started in it: stop at its end, or loop back', () => {
    const sel = { start: 2, end: 4 };
    assert.equal(atPosition(3.9, sel, false, 2), 'play');
    assert.equal(atPosition(4.01, sel, false, 2), 'stop');
    assert.equal(atPosition(4.01, sel, true, 2.5), 'loop');
    assert.equal(atPosition(4.01, sel, false, 1), 'play', 'playback from before the selection runs through it');
    assert.equal(atPosition(4.01, null, true, 2), 'play');
  });
});
