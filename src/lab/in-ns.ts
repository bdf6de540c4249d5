/** A command line as run in namespace `ns` from the lab's top (host) namespace. */
export function inNs(ns: string, command: string): string {
  return ns === 'host' ? command : `ip netns exec ${ns} ${command}`;
}
