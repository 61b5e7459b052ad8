import { afterEach, describe, expect, it, vi } from 'vitest';
import { Svg } from 'chartist';
import { drawChart } from './chartist-charts.ts';

const restoreAfterTest: (() => void)[] = [];

afterEach(() => {
  for (const restore of restoreAfterTest.splice(0)) restore();
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

// The app's Content-Security-Policy refuses a style attribute written as markup or with
// setAttribute; the same style set through the element's CSSOM is allowed. (The test DOM
// writes the attribute itself when CSSOM is set: those writes are not counted.)
function watchStyleAttributes(): string[] {
  const written: string[] = [];
  let isInCssom = false;
  const cssText = Object.getOwnPropertyDescriptor(CSSStyleDeclaration.prototype, 'cssText')!;
  Object.defineProperty(CSSStyleDeclaration.prototype, 'cssText', {
    ...cssText,
    set(this: CSSStyleDeclaration, value: string) {
      isInCssom = true;
      try {
        cssText.set!.call(this, value);
      } finally {
        isInCssom = false;
      }
    },
  });
  restoreAfterTest.push(() =>
    Object.defineProperty(CSSStyleDeclaration.prototype, 'cssText', cssText),
  );
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this)
  const setAttribute = Element.prototype.setAttribute;
  vi.spyOn(Element.prototype, 'setAttribute').mockImplementation(function (
    this: Element,
    name: string,
    value: string,
  ) {
    if (name.toLowerCase() === 'style' && !isInCssom) written.push(value);
    setAttribute.call(this, name, value);
  });
  return written;
}

function waitForSvg(container: HTMLElement): Promise<SVGSVGElement> {
  // Chartist draws on the next task.
  return vi.waitFor(() => {
    const svg = container.querySelector('svg');
    if (!svg) throw new Error('no chart drawn yet');
    return svg;
  });
}

describe('Chartist under the Content-Security-Policy', () => {
  it('sets a style Chartist asks for through CSSOM, never as a style attribute', () => {
    const written = watchStyleAttributes();
    const svg = new Svg('svg', {
      width: '100%',
      height: '92px',
      style: 'width: 100%; height: 92px;',
    });
    const node = svg.getNode<SVGElement>();
    expect(written).toEqual([]);
    expect(node.style.height).toBe('92px');
    expect(node.getAttribute('height')).toBe('92px');
    expect(svg.attr('width')).toBe('100%');
  });

  it.each(['bar', 'line'] as const)('draws a %s chart as SVG', async (kind) => {
    const container = document.createElement('div');
    document.body.append(container);
    const chart = drawChart(container, {
      kind,
      labels: ['घरेलू हिंसा', 'दहेज उत्पीड़न'],
      series: [[3, 1]],
    });
    const svg = await waitForSvg(container);
    expect(svg.getAttribute('width')).toBe('100%');
    expect(svg.style.width).toBe('100%');
    chart.detach();
  });
});
