// Stands in for node-emoji inside marked-terminal: lessons do not use :emoji:
// short codes, and its table would add 200 KiB to the package.
export function get(_code: string): string | undefined {
  return undefined;
}
