// React elements → markup, for the static charts (components/static) and the offline report on
// the server. Next's route handlers run in the React Server Components layer, where
// react-dom/server is refused ("not supported in React Server Components"), so this walks the
// element tree itself. It handles exactly what static markup needs: host elements (HTML, and SVG
// with its attribute spelling), fragments, arrays, text, and function components that are pure
// functions of their props (no hooks, no context: components/static's rule). Anything else
// (event handlers, class components, hooks) throws, so a mistake shows at once and never
// leaks into an image.
import { Fragment, isValidElement, type ReactElement, type ReactNode } from 'react';

/** Elements with no end tag in HTML. */
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);

/** Elements whose text is written raw (and must therefore never close them early). */
const RAW_TEXT = new Set(['style', 'script']);

/** React props with another name in markup. */
const RENAMED: Record<string, string> = {
  className: 'class',
  htmlFor: 'for',
  charSet: 'charset',
  httpEquiv: 'http-equiv',
  xlinkHref: 'xlink:href',
  xmlLang: 'xml:lang',
  xmlSpace: 'xml:space',
  xmlnsXlink: 'xmlns:xlink',
};

/** SVG attributes spelled in camelCase by SVG itself (everything else is kebab-case). */
const SVG_CAMEL = new Set([
  'viewBox',
  'preserveAspectRatio',
  'gradientUnits',
  'gradientTransform',
  'patternUnits',
  'patternContentUnits',
  'patternTransform',
  'clipPathUnits',
  'maskUnits',
  'maskContentUnits',
  'markerUnits',
  'markerWidth',
  'markerHeight',
  'refX',
  'refY',
  'textLength',
  'lengthAdjust',
  'startOffset',
  'pathLength',
  'spreadMethod',
  'stdDeviation',
  'filterUnits',
  'primitiveUnits',
]);

/** CSS properties whose numbers take no unit (React's list, the part static markup meets). */
const UNITLESS = new Set([
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'stopOpacity',
  'strokeWidth',
  'strokeMiterlimit',
  'fontWeight',
  'lineHeight',
  'flex',
  'flexGrow',
  'flexShrink',
  'order',
  'zIndex',
  'zoom',
  'orphans',
  'widows',
]);

export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

function attributeName(name: string, svg: boolean): string {
  const renamed = RENAMED[name];
  if (renamed) return renamed;
  if (name.includes('-') || name.includes(':')) return name;
  if (svg) return SVG_CAMEL.has(name) ? name : kebab(name);
  // HTML attributes are case-insensitive; React's camelCase ones (colSpan, tabIndex) are
  // written in lower case as browsers do.
  return name.toLowerCase();
}

function styleText(style: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(style)) {
    if (value === null || value === undefined || value === '' || typeof value === 'boolean')
      continue;
    const prop = key.startsWith('--') ? key : kebab(key);
    const text =
      typeof value === 'number' && value !== 0 && !UNITLESS.has(key) ? `${value}px` : value;
    parts.push(`${prop}:${String(text)}`);
  }
  return parts.join(';');
}

function attributes(props: Record<string, unknown>, svg: boolean): string {
  let out = '';
  for (const [name, value] of Object.entries(props)) {
    if (name === 'children' || name === 'key' || name === 'ref') continue;
    if (name === 'dangerouslySetInnerHTML' || name === 'suppressHydrationWarning') {
      if (name === 'dangerouslySetInnerHTML')
        throw new Error('static markup: dangerouslySetInnerHTML is not supported');
      continue;
    }
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function')
      throw new Error(`static markup: ${name} is a function (event handlers have no place here)`);
    const attr = attributeName(name, svg);
    if (value === true) {
      // aria-* and data-* take the text "true"; HTML boolean attributes are present, empty.
      out += /^(aria|data)-/.test(attr) ? ` ${attr}="true"` : ` ${attr}=""`;
      continue;
    }
    const text =
      name === 'style' && typeof value === 'object'
        ? styleText(value as Record<string, unknown>)
        : String(value);
    out += ` ${attr}="${escapeAttribute(text)}"`;
  }
  return out;
}

function rawText(tag: string, children: ReactNode): string {
  const parts: string[] = [];
  const collect = (node: ReactNode) => {
    if (node === null || node === undefined || typeof node === 'boolean') return;
    if (Array.isArray(node)) node.forEach(collect);
    else if (typeof node === 'string' || typeof node === 'number') parts.push(String(node));
    else throw new Error(`static markup: <${tag}> may hold text only`);
  };
  collect(children);
  const text = parts.join('');
  if (new RegExp(`</${tag}`, 'i').test(text))
    throw new Error(`static markup: the text of <${tag}> would close it early`);
  return text;
}

function render(node: ReactNode, svg: boolean): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string') return escapeText(node);
  if (typeof node === 'number' || typeof node === 'bigint') return String(node);
  if (Array.isArray(node)) return node.map((n) => render(n, svg)).join('');
  if (!isValidElement(node)) {
    if (typeof node === 'object' && Symbol.iterator in node)
      return [...(node as Iterable<ReactNode>)].map((n) => render(n, svg)).join('');
    throw new Error('static markup: promises and other objects cannot be rendered');
  }
  const element = node as ReactElement<Record<string, unknown>>;
  const { type, props } = element;
  if (type === Fragment) return render(props.children as ReactNode, svg);
  if (typeof type === 'function') {
    const proto = (type as { prototype?: { isReactComponent?: unknown } }).prototype;
    if (proto?.isReactComponent)
      throw new Error('static markup: class components are not supported');
    return render((type as (p: Record<string, unknown>) => ReactNode)(props), svg);
  }
  if (typeof type !== 'string')
    throw new Error('static markup: only host elements and function components are supported');
  const inSvg = svg || type === 'svg';
  const open = `<${type}${attributes(props, inSvg)}`;
  if (RAW_TEXT.has(type)) return `${open}>${rawText(type, props.children as ReactNode)}</${type}>`;
  const inner = render(props.children as ReactNode, inSvg && type !== 'foreignObject');
  if (!inSvg && VOID.has(type)) {
    if (inner) throw new Error(`static markup: <${type}> cannot have children`);
    return `${open}>`;
  }
  // SVG elements with nothing inside close themselves, as XML allows (resvg parses XML).
  if (inSvg && inner === '') return `${open}/>`;
  return `${open}>${inner}</${type}>`;
}

/** The markup of `node`: HTML, or SVG from an `<svg>` element down. */
export function renderMarkup(node: ReactNode): string {
  return render(node, false);
}
