import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** sbin directories are often missing from an unprivileged user's PATH, yet ip and brctl live there. */
const SBIN = ['/usr/local/sbin', '/usr/sbin', '/sbin'];

export function labPath(envPath = process.env.PATH ?? ''): string {
  const parts = envPath.split(delimiter).filter(Boolean);
  for (const d of SBIN) if (!parts.includes(d)) parts.push(d);
  return parts.join(delimiter);
}

export function findTool(name: string, path = labPath()): string | undefined {
  for (const dir of path.split(delimiter)) {
    const full = join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export interface ToolInfo {
  name: string;
  required: boolean;
  debian: string;
  fedora: string;
}

export const TOOLS: ToolInfo[] = [
  { name: 'unshare', required: true, debian: 'util-linux', fedora: 'util-linux' },
  { name: 'setpriv', required: true, debian: 'util-linux', fedora: 'util-linux' },
  { name: 'ip', required: true, debian: 'iproute2', fedora: 'iproute' },
  { name: 'bridge', required: true, debian: 'iproute2', fedora: 'iproute' },
  { name: 'ping', required: true, debian: 'iputils-ping', fedora: 'iputils' },
  { name: 'tcpdump', required: true, debian: 'tcpdump', fedora: 'tcpdump' },
  { name: 'brctl', required: false, debian: 'bridge-utils', fedora: 'bridge-utils' },
];

/**
 * Tools the learner's machine lacks. NETNS_TUTOR_WITHOUT (comma separated)
 * pretends some are absent, so the fallback paths can be tested on a full machine.
 */
export function missingTools(path = labPath()): ToolInfo[] {
  const hidden = hiddenTools();
  return TOOLS.filter((t) => hidden.has(t.name) || !findTool(t.name, path));
}

export function hiddenTools(): Set<string> {
  return new Set((process.env.NETNS_TUTOR_WITHOUT ?? '').split(',').map((s) => s.trim()).filter(Boolean));
}

export function installHint(tools: ToolInfo[]): string {
  const deb = [...new Set(tools.map((t) => t.debian))].join(' ');
  const fed = [...new Set(tools.map((t) => t.fedora))].join(' ');
  return `sudo apt-get install ${deb}   (Fedora: sudo dnf install ${fed})`;
}
