// Text widths for laying out static SVG (legends, axis labels, truncation) without a DOM to
// measure in. The advance widths are DejaVu Sans's (assets/fonts, the font the server renders
// with), in font units of 2048 per em, read from the fonts' hmtx tables for printable ASCII and
// a few symbols the charts use. On the page the browser's font differs a little; the layout
// keeps slack for that.

// biome-ignore format: a table
const REGULAR = [651,821,942,1716,1303,1946,1597,563,799,799,1024,1716,651,739,651,690,1303,1303,1303,1303,1303,1303,1303,1303,1303,1303,690,690,1716,1716,1716,1087,2048,1401,1405,1430,1577,1294,1178,1587,1540,604,604,1343,1141,1767,1532,1612,1235,1612,1423,1300,1251,1499,1401,2025,1403,1251,1403,799,690,799,1716,1024,1024,1255,1300,1126,1300,1260,721,1300,1298,569,569,1186,569,1995,1298,1253,1300,1300,842,1067,803,1298,1212,1675,1212,1212,1075,1303,690,1303,1716];
// biome-ignore format: a table
const BOLD = [713,934,1067,1716,1425,2052,1786,627,936,936,1071,1716,778,850,778,748,1425,1425,1425,1425,1425,1425,1425,1425,1425,1425,819,819,1716,1716,1716,1188,2048,1585,1561,1503,1700,1399,1399,1681,1714,762,762,1587,1305,2038,1714,1741,1501,1741,1577,1475,1397,1663,1585,2259,1579,1483,1485,936,748,936,1716,1024,1024,1382,1466,1214,1466,1389,891,1466,1458,702,702,1362,702,2134,1458,1407,1466,1466,1010,1219,979,1458,1335,1892,1321,1335,1192,1458,748,1458,1716];
const SYMBOLS: Record<string, [number, number]> = {
  '·': [651, 778],
  '–': [1024, 1024],
  '—': [2048, 2048],
  '…': [2048, 2048],
  '≤': [1716, 1716],
  '≥': [1716, 1716],
  '±': [1716, 1716],
  µ: [1303, 1507],
  '×': [1716, 1716],
  '→': [1716, 1716],
  '’': [651, 778],
  '−': [1716, 1716],
  '≈': [1716, 1716],
  '°': [1024, 1024],
};

/** Width in px of `text` set in DejaVu Sans at `size` px. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 32 && code < 127) units += (bold ? BOLD : REGULAR)[code - 32]!;
    else if (SYMBOLS[ch]) units += SYMBOLS[ch][bold ? 1 : 0];
    // Accented Latin letters are about as wide as their base letter; wide scripts about 1 em.
    else units += code >= 0x2e80 ? 2048 : bold ? 1400 : 1300;
  }
  return (units / 2048) * size;
}

/** `text` cut to fit `maxWidth` px, with an ellipsis when cut. */
export function fitText(text: string, maxWidth: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= maxWidth) return text;
  const chars = [...text];
  const ellipsis = textWidth('…', size, bold);
  let width = 0;
  let keep = 0;
  for (const ch of chars) {
    const w = textWidth(ch, size, bold);
    if (width + w + ellipsis > maxWidth) break;
    width += w;
    keep += 1;
  }
  return `${chars.slice(0, keep).join('').trimEnd()}…`;
}
