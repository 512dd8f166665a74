import assert from 'node:assert/strict';
import { isHostToWebview, isRigPanelState, isWebviewToHost, type HostToWebview } from '../../../src/webview/protocol/rigPanel';

const show: HostToWebview = {
  type: 'show',
  title: 'Room B',
  svg: '<svg/>',
  interfaceName: 'Desk',
  requirements: [{ label: 'Headphone outputs', need: '2', have: '1', status: 'fail' }],
  fits: [{ id: 'a', name: 'A', fits: false, reasons: ['2 headphone outputs needed, has 1'] }],
  problems: { errors: 2, warnings: 0 },
};

describe('rig panel protocol', () => {
  it('accepts the host messages it defines', () => {
    assert.equal(isHostToWebview(show), true);
    assert.equal(isHostToWebview({ type: 'invalid', title: 'x.headroom.json', message: 'not a rig' }), true);
  });
  it('rejects malformed host messages', () => {
    for (const bad of [
      null,
      'show',
      { ...show, type: 'draw' },
      { ...show, svg: 42 },
      { ...show, requirements: [{ label: 'x', need: '1', have: '1', status: 'maybe' }] },
      { ...show, fits: [{ id: 'a', name: 'A', fits: 'yes', reasons: [] }] },
      { ...show, fits: [{ id: 'a', name: 'A', fits: true, reasons: [1] }] },
      { ...show, problems: { errors: -1, warnings: 0 } },
      { ...show, problems: { errors: 1.5, warnings: 0 } },
      { type: 'invalid', title: 'x' },
    ]) assert.equal(isHostToWebview(bad), false, JSON.stringify(bad));
  });
  it('accepts exactly the webview requests, nothing extra', () => {
    for (const type of ['ready', 'exportSvg', 'recommendInterface', 'openRig']) assert.equal(isWebviewToHost({ type }), true, type);
    assert.equal(isWebviewToHost({ type: 'exportSvg', path: '/etc/passwd' }), false);
    assert.equal(isWebviewToHost({ type: 'runCommand' }), false);
    assert.equal(isWebviewToHost([{ type: 'ready' }]), false);
  });
  it('panel state: a rig URI and a zoom within range or "fit"', () => {
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 'fit' }), true);
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 1.25 }), true);
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 9 }), false);
    assert.equal(isRigPanelState({ uri: '', zoom: 1 }), false);
    assert.equal(isRigPanelState(undefined), false);
  });
});
