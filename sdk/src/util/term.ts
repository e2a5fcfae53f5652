// Terminal styling. Colour only when the stream is a TTY and NO_COLOR is unset
// (https://no-color.org); FORCE_COLOR forces it on for tools that capture output.
import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

export function wantsColor(stream: NodeJS.WriteStream): boolean {
  const env = process.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true && env.TERM !== 'dumb';
}

export function colorsFor(stream: NodeJS.WriteStream): Colors {
  return pc.createColors(wantsColor(stream));
}
