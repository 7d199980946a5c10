// Saving what the page built (a CSV, a PNG, JSON) as a file, with no server round trip.

/** Saves a Blob under `filename` through a temporary `<a download>`. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Saves text. CSV gets a UTF-8 byte order mark so that spreadsheets read accents right (RFC 4180
 * allows any charset; Excel assumes the ANSI one without the mark).
 */
export function downloadText(text: string, filename: string, type: string): void {
  const bom = type.startsWith('text/csv') ? '\ufeff' : '';
  downloadBlob(new Blob([bom, text], { type }), filename);
}
