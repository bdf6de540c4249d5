/** Sysctl names in dotted form, and the /proc/sys path each one stands for. */

/** A dotted sysctl name, safe to put in a shell script unquoted ('/' stands for a dot inside one component). */
export const SYSCTL_NAME = /^[a-z][a-z0-9_]*(\.[A-Za-z0-9_@/-]+){1,6}$/;

/** net.ipv4.conf.eth0/100.rp_filter -> net/ipv4/conf/eth0.100/rp_filter */
export function sysctlPath(name: string): string {
  return name.replace(/\./g, '\0').replace(/\//g, '.').replace(/\0/g, '/');
}

/** net/ipv4/conf/eth0.100/rp_filter -> net.ipv4.conf.eth0/100.rp_filter (the inverse of sysctlPath). */
export function sysctlNameOf(path: string): string {
  return path.split('/').map((part) => part.replace(/\./g, '/')).join('.');
}
