import assert from 'node:assert/strict';
import { isHostToWebview, isRigPanelState, isWebviewToHost, type HostToWebview } from '../../../src/shared/rigPanel';
import { problemsText } from '../../../src/webview/rig/problemsText';

const show: HostToWebview = {
  type: 'show',
  title: 'Room B',
  svg: '<svg/>',
  interfaceName: 'Desk',
  requirements: [{ label: 'Headphone outputs', need: '2', have: '1', status: 'fail' }],
  fits: [{ id: 'a', name: 'A', fits: false, reasons: ['2 headphone outputs needed, has 1'] }],
  problems: { errors: 2, warnings: 0, infos: 1 },
};

describe('rig panel protocol', () => {
  it('the header counts every active problem, information included', () => {
    assert.equal(problemsText({ errors: 0, warnings: 0, infos: 0 }), 'No problems in the rig');
    assert.equal(problemsText({ errors: 0, warnings: 0, infos: 1 }), '1 problem: 1 info');
    assert.equal(problemsText({ errors: 2, warnings: 1, infos: 3 }), '6 problems: 2 errors, 1 warning, 3 infos');
  });
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
      { ...show, problems: { errors: -1, warnings: 0, infos: 0 } },
      { ...show, problems: { errors: 1.5, warnings: 0, infos: 0 } },
      { ...show, problems: { errors: 1, warnings: 0 } },
      { type: 'invalid', title: 'x' },
    ])
      assert.equal(isHostToWebview(bad), false, JSON.stringify(bad));
  });
  it('accepts exactly the webview requests, nothing extra', () => {
    for (const type of ['ready', 'exportSvg', 'recommendInterface', 'openRig']) assert.equal(isWebviewToHost({ type }), true, type);
    assert.equal(isWebviewToHost({ type: 'exportSvg', path: '/etc/passwd' }), false);
    assert.equal(isWebviewToHost({ type: 'runCommand' }), false);
    assert.equal(isWebviewToHost([{ type: 'ready' }]), false);
    assert.equal(isWebviewToHost({ type: 'layout', width: 620 }), true);
    assert.equal(isWebviewToHost({ type: 'layout', width: 620.5 }), false);
    assert.equal(isWebviewToHost({ type: 'layout', width: 10 }), false, 'narrower than any layout');
    assert.equal(isWebviewToHost({ type: 'layout', width: 620, zoom: 2 }), false);
  });
  it('panel state: a rig URI and a zoom within range or "fit"', () => {
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 'fit' }), true);
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 1.25 }), true);
    assert.equal(isRigPanelState({ uri: 'file:///w/studio.headroom.json', zoom: 9 }), false);
    assert.equal(isRigPanelState({ uri: '', zoom: 1 }), false);
    assert.equal(isRigPanelState(undefined), false);
  });
});
