/**
 * Text from a feed, the platform or a repository file, made safe to show in the
 * editor's own UI. VS Code renders `[label](command:…)` as a clickable command link in
 * notification messages (with no escape syntax: a backslash does not stop it), and
 * `$(name)` as an icon in notifications, quick picks, status bar items and hovers. So
 * untrusted text must never be interpolated into those strings as it is.
 *
 * `plainText` keeps the text readable, character for character, and only breaks the two
 * sequences that turn text into something else: it puts an invisible WORD JOINER
 * (U+2060) between `]` and `(` and between `$` and `(`. It also drops control and
 * bidirectional-override characters (which reorder what a person reads, e.g. to hide a
 * URL's real host) and turns line breaks into spaces.
 *
 * `markdownText` is for a MarkdownString (hovers, tooltips): the same cleaning, then
 * every ASCII punctuation character backslash-escaped, so no link, autolink, image,
 * HTML, heading or emphasis can form, and `$(` is broken as above (with theme icons on,
 * VS Code looks for icons after unescaping markdown).
 *
 * Both are one pass over the input: linear time, no regular expression that can backtrack.
 */

/** Zero width, no line break: invisible in every VS Code surface. */
export const WORD_JOINER = '\u2060';

/** Control characters (C0, DEL, C1) and bidirectional formatting characters. */
function isDropped(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c || // ARABIC LETTER MARK
    code === 0x200e || // LRM
    code === 0x200f || // RLM
    (code >= 0x202a && code <= 0x202e) || // LRE RLE PDF LRO RLO
    (code >= 0x2066 && code <= 0x2069) // LRI RLI FSI PDI
  );
}

function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x09 || code === 0x0b || code === 0x0c || code === 0x2028 || code === 0x2029 || code === 0x85;
}

function isAsciiPunctuation(code: number): boolean {
  return (code >= 0x21 && code <= 0x2f) || (code >= 0x3a && code <= 0x40) || (code >= 0x5b && code <= 0x60) || (code >= 0x7b && code <= 0x7e);
}

function clean(input: string, markdown: boolean): string {
  const out: string[] = [];
  // The last character written that can start a sequence: '$' or ']' (0 for anything else).
  let last = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isLineBreak(code)) {
      if (out.length && out[out.length - 1] !== ' ') out.push(' ');
      last = 0;
      continue;
    }
    if (isDropped(code)) continue; // a dropped character never separates `$` from `(`: `last` stays
    const ch = input[i]!;
    if (code === 0x28 /* ( */ && (last === 0x24 /* $ */ || last === 0x5d /* ] */)) out.push(WORD_JOINER);
    if (markdown && isAsciiPunctuation(code)) out.push('\\');
    out.push(ch);
    last = code === 0x24 || code === 0x5d ? code : 0;
  }
  return out.join('');
}

/** Untrusted text for a notification, quick pick, tree item, status bar item or plain tooltip. */
export function plainText(input: string | undefined | null): string {
  return input ? clean(input, false) : '';
}

/** Untrusted text for inside a MarkdownString: shows as the very same characters, never as markup. */
export function markdownText(input: string | undefined | null): string {
  return input ? clean(input, true) : '';
}
