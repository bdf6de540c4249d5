/** Styles for pre-wrapped lines: the layout functions paint text through this, so they stay pure and testable without colour. */
import chalk from 'chalk';
import type { ColorName } from '../context.js';

export interface Style {
  color?: ColorName;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
}

export type Paint = (text: string, style?: Style) => string;

/** No styling at all: for tests and plain text. */
export const noPaint: Paint = (text) => text;

/** ANSI styles through chalk (which follows NO_COLOR and the terminal's colour support); colour only when wanted. */
export function painter(color: boolean): Paint {
  return (text, style) => {
    if (!style || !text) return text;
    let c = chalk;
    if (color && style.color) c = c[style.color];
    if (style.bold) c = c.bold;
    if (style.dim && color) c = c.dim;
    if (style.inverse) c = c.inverse;
    return c === chalk ? text : c(text);
  };
}
