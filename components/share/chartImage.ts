// A chart panel as a PNG (issue 6, "Export"): the Recharts SVG, serialized with its computed
// colours inlined (the theme's CSS variables do not exist inside an image), drawn on a canvas at
// 2× on the theme's panel background, under the panel's title and the chart's HTML legend.

/** SVG presentation properties that come from CSS here (theme variables, globals.css rules). */
const STYLE_PROPS = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-linecap',
  'stroke-linejoin',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'stop-color',
  'stop-opacity',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface ChartImageOptions {
  /** Device pixels per CSS pixel. */
  scale?: number;
  /** Drawn above the chart; defaults to the panel's title. */
  title?: string | null;
}

function isTransparent(color: string): boolean {
  return !color || color === 'transparent' || /rgba?\([^)]*,\s*0\)$/.test(color);
}

/** The colour behind `el`: the first ancestor with an opaque background, else the page's. */
export function themeBackground(el: Element): string {
  for (let node: Element | null = el; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (!isTransparent(bg)) return bg;
  }
  const root = getComputedStyle(document.documentElement);
  return root.getPropertyValue('--surface').trim() || '#ffffff';
}

/** The chart of a panel: its first Recharts surface. */
export function findChartSvg(root: Element): SVGSVGElement | null {
  return root.querySelector<SVGSVGElement>('svg.recharts-surface');
}

/** A standalone copy of `svg` with every themed property written inline. */
export function serializeSvg(svg: SVGSVGElement): { text: string; width: number; height: number } {
  const rect = svg.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width));
  const height = Math.max(1, Math.round(rect.height));
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((orig, i) => {
    const copy = copies[i];
    if (!copy) return;
    const cs = getComputedStyle(orig);
    if (cs.display === 'none') {
      copy.remove();
      return;
    }
    const style: string[] = [];
    for (const prop of STYLE_PROPS) {
      const v = cs.getPropertyValue(prop);
      if (v) style.push(`${prop}:${v}`);
    }
    copy.setAttribute('style', style.join(';'));
    // Presentation attributes holding var(…) would resolve to nothing outside the page.
    for (const attr of ['fill', 'stroke', 'stop-color']) {
      if (copy.getAttribute(attr)?.includes('var(')) copy.removeAttribute(attr);
    }
  });
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  if (!clone.getAttribute('viewBox')) clone.setAttribute('viewBox', `0 0 ${width} ${height}`);
  return { text: new XMLSerializer().serializeToString(clone), width, height };
}

interface LegendItem {
  name: string;
  color: string;
  dashed: boolean;
}

/** The items of the chart's HTML legend (components/charts/ChartTooltip.tsx ChartLegend). */
function readLegend(root: Element): LegendItem[] {
  const list = root.querySelector('ul[aria-label="Legend"]');
  if (!list) return [];
  return [...list.querySelectorAll('li')].map((li) => {
    const swatch = li.querySelector('span');
    const cs = swatch ? getComputedStyle(swatch) : null;
    const dashed = cs?.borderTopStyle === 'dashed';
    const color = cs ? (dashed ? cs.borderTopColor : cs.backgroundColor) : '#888';
    return { name: li.textContent?.trim() ?? '', color, dashed };
  });
}

async function loadImage(url: string): Promise<HTMLImageElement> {
  const img = new Image();
  img.decoding = 'sync';
  img.src = url;
  await img.decode();
  return img;
}

function canvasToBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('The browser could not encode the PNG.'))),
      'image/png',
    ),
  );
}

/**
 * Renders the first chart inside `root` (a panel) to a PNG: background, title, legend, plot.
 * Throws when `root` holds no chart.
 */
export async function chartToPng(root: Element, options: ChartImageOptions = {}): Promise<Blob> {
  const svg = findChartSvg(root);
  if (!svg) throw new Error('There is no chart to export here yet.');
  const scale = options.scale ?? 2;
  const { text, width, height } = serializeSvg(svg);
  const rootStyle = getComputedStyle(root);
  const textColor = rootStyle.color || '#161b22';
  const muted = getComputedStyle(document.documentElement).getPropertyValue('--text-muted').trim();
  const font = getComputedStyle(document.body).fontFamily || 'sans-serif';
  const title =
    options.title === undefined ? (root.querySelector('h2')?.textContent ?? null) : options.title;
  const legend = readLegend(root);

  const pad = 16;
  const titleH = title ? 24 : 0;
  // Legend rows wrap within the chart's width, as the HTML legend does.
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('This browser has no 2D canvas.');
  measure.font = `12px ${font}`;
  const rows: { item: LegendItem; x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const item of legend) {
    const w = 10 + 6 + measure.measureText(item.name).width + 16;
    if (x > 0 && x + w > width) {
      row += 1;
      x = 0;
    }
    rows.push({ item, x, row });
    x += w;
  }
  const legendH = legend.length ? (row + 1) * 18 + 6 : 0;

  const canvas = document.createElement('canvas');
  const cssW = width + 2 * pad;
  const cssH = pad + titleH + legendH + height + pad;
  canvas.width = Math.round(cssW * scale);
  canvas.height = Math.round(cssH * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser has no 2D canvas.');
  ctx.scale(scale, scale);
  ctx.fillStyle = themeBackground(root);
  ctx.fillRect(0, 0, cssW, cssH);
  ctx.textBaseline = 'middle';

  if (title) {
    ctx.fillStyle = textColor;
    ctx.font = `600 14px ${font}`;
    ctx.fillText(title, pad, pad + 9);
  }
  ctx.font = `12px ${font}`;
  for (const { item, x: lx, row: r } of rows) {
    const y = pad + titleH + r * 18 + 8;
    ctx.fillStyle = item.color;
    ctx.strokeStyle = item.color;
    if (item.dashed) {
      ctx.lineWidth = 2;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.moveTo(pad + lx, y);
      ctx.lineTo(pad + lx + 12, y);
      ctx.stroke();
      ctx.setLineDash([]);
    } else {
      ctx.fillRect(pad + lx, y - 5, 10, 10);
    }
    ctx.fillStyle = muted || textColor;
    ctx.fillText(item.name, pad + lx + 16, y);
  }

  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const img = await loadImage(url);
    ctx.drawImage(img, pad, pad + titleH + legendH, width, height);
  } finally {
    URL.revokeObjectURL(url);
  }
  return canvasToBlob(canvas);
}
