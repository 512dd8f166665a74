// The SVG document around a diagram. Its look is the CSS classes of media/diagram.css: webviews
// (whose CSP forbids inline styles) link that file; an exported file gets it embedded as <style>.

import { el, fragment, num, type Child, type Markup, render } from './svg';

export interface DocumentOptions {
  width: number;
  height: number;
  /** Spoken by screen readers and shown as the image's tooltip. */
  label: string;
  /** media/diagram.css, embedded for a standalone file; omitted in webviews, which link it. */
  style?: string;
}

/** A standalone SVG: a viewBox and no fixed pixel size, so it scales to any width. */
export function svgDocument(opts: DocumentOptions, ...body: Child[]): string {
  const root: Markup = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      viewBox: `0 0 ${num(opts.width)} ${num(opts.height)}`,
      class: 'hr-diagram',
      role: 'img',
      'aria-label': opts.label,
      preserveAspectRatio: 'xMidYMin meet',
    },
    el('title', {}, opts.label),
    opts.style ? el('style', {}, opts.style) : null,
    el('rect', { class: 'bg', x: 0, y: 0, width: opts.width, height: opts.height }),
    fragment(...body),
  );
  return render(root);
}
