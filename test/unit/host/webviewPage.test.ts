import assert from 'node:assert/strict';
import { newNonce, webviewCsp, webviewPage } from '../../../src/host/webviewPage';
import { headerHtml } from '../../../src/host/takePage';
import type { HostToTake } from '../../../src/shared/takeEditor';

const resources = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  script: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/take.js',
  styles: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/take.css', 'https://file+.vscode-resource.vscode-cdn.net/ext/media/take.css'],
  title: 'Take <1> & "best".wav',
  bodyAttributes: { 'data-state': 'loading', 'data-initial-state': '{"rig":"file:///a"b<c>.json"}' },
  body: '<main id="app"></main>',
};

describe('webview pages', () => {
  it('has a strict policy: nothing by default, the script by nonce, styles and media from the webview only', () => {
    assert.equal(
      webviewCsp(resources.cspSource, 'abc'),
      "default-src 'none'; script-src 'nonce-abc'; style-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:; media-src https://file+.vscode-resource.vscode-cdn.net; font-src https://file+.vscode-resource.vscode-cdn.net",
    );
  });

  it('loads one script with the nonce, its stylesheets in order, no inline style or script, and escapes the title', () => {
    const html = webviewPage(resources, 'N0nce+/=');
    assert.equal(html.match(/<script\b/g)?.length, 1);
    assert.match(html, /<script nonce="N0nce\+\/=" src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/take\.js"><\/script>/);
    assert.deepEqual(
      [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]),
      resources.styles,
    );
    assert.doesNotMatch(html, /<style|style="/);
    assert.match(html, /<title>Take &#60;1&#62; &#38; &#34;best&#34;\.wav<\/title>/);
    assert.match(
      html,
      /<body data-state="loading" data-initial-state="\{&#34;rig&#34;:&#34;file:\/\/\/a&#34;b&#60;c&#62;\.json&#34;\}">\n<main id="app"><\/main>/,
    );
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = newNonce();
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.notEqual(a, newNonce());
  });
});

describe('take editor page', () => {
  const header = {
    type: 'header' as const,
    sizeBytes: 2_880_044,
    header: {
      format: {
        container: 'RIFF',
        encoding: 'pcm',
        bitsPerSample: 24,
        validBitsPerSample: 24,
        sampleRate: 48000,
        channels: 2,
        channelLabels: ['L', '<R>'],
        durationSeconds: 10,
        frames: 480000,
      },
      metadata: { markers: [], info: {} },
      warnings: [],
    },
  } as unknown as HostToTake;

  it("paints the take's format facts before any script runs, escaped", () => {
    const html = headerHtml('a<b>.wav', [header]);
    assert.equal(
      html,
      '<header id="take-header"><h1>a&#60;b&#62;.wav</h1><div class="header-grid"><dl class="facts"><dt>Format</dt><dd>RIFF · PCM · 24-bit</dd><dt>Sample rate</dt><dd>48 kHz</dd><dt>Channels</dt><dd>2 (L &#60;R&#62;)</dd><dt>Duration</dt><dd>0:10.000 (480,000 frames)</dd><dt>Size</dt><dd>2.7 MB</dd></dl></div></header>',
    );
  });

  it('says it is opening the take when the header is not read yet', () => {
    assert.equal(headerHtml('take.wav', []), '<header id="take-header"><h1>take.wav</h1><p class="muted">Opening take.wav…</p></header>');
  });
});
