// Axis names broken into lines, so a chart on a phone keeps long names inside its box.

/**
 * `name` in lines of at most `width` characters: broken at spaces, or every `width / 2` characters
 * for a name without spaces (CJK, where a character is about two Latin ones wide). A single word
 * longer than `width` keeps its own line.
 */
export function wrapLabel(name: string, width: number): string {
  const text = name.trim();
  if (!/\s/.test(text)) {
    const step = Math.max(1, Math.floor(width / 2));
    const chars = [...text];
    const lines: string[] = [];
    for (let i = 0; i < chars.length; i += step) lines.push(chars.slice(i, i + step).join(''));
    return lines.join('\n');
  }
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join('\n');
}
