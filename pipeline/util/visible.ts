/**
 * Text printed to a terminal must show what it holds: a control character (ESC, OSC, any C0 or
 * C1 control) could clear the screen or retitle the window, and a format character (bidi
 * overrides and isolates, zero-width characters) could reverse or hide what follows. Each is
 * printed as a visible escape (\n, \t, \r, \u001B, \u202E) instead.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escape = (char: string) => NAMED[char] ?? `\\u${char.codePointAt(0)! > 0xffff ? `{${char.codePointAt(0)!.toString(16).toUpperCase()}}` : char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

export const showInvisible = (text: string): string => text.replace(INVISIBLE, escape);
