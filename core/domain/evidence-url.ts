// The one rule for an evidence link, wherever one is checked (the values schema on save, the
// import's evidence columns) or shown: only an http or https URL becomes a link, since anything
// else (javascript:, data:, file:, a bare path) could run code or reach the reader's own machine.

/** A whole http(s) URL: the scheme, a host and no spaces. */
export const EVIDENCE_URL = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

export function isEvidenceUrl(text: string): boolean {
  return EVIDENCE_URL.test(text.trim());
}

/** How a stored evidence text is shown: a link, plain text with a warning, or nothing. */
export function evidenceKind(text: string | null | undefined): 'link' | 'text' | 'none' {
  if (!text || text.trim() === '') return 'none';
  return isEvidenceUrl(text) ? 'link' : 'text';
}
