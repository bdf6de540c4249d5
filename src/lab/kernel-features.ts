/** Kernel features a lesson may require (front matter `requires: kernel:`), each with the probe that shows the kernel has it. */

export interface Feature {
  /** Shell commands, tried in turn: the first whose program exists decides. Exit 0 means the kernel has it. */
  probes: { needs: string; run: string }[];
  /** The kernel module that provides it. */
  module: string;
}

const nft = (rules: string) => ({ needs: 'nft', run: `nft -f - <<'EOF'\n${rules}\nEOF` });
const link = (run: string) => ({ needs: 'ip', run });

/** Kernel features a lesson may require, by name. */
export const KERNEL_FEATURES: Readonly<Record<string, Feature>> = {
  veth: { module: 'veth', probes: [link('ip link add nt-a type veth peer name nt-b')] },
  bridge: { module: 'bridge', probes: [link('ip link add nt-br type bridge')] },
  dummy: { module: 'dummy', probes: [link('ip link add nt-d type dummy')] },
  vlan: { module: '8021q', probes: [link('ip link add nt-a type veth peer name nt-b && ip link add link nt-a name nt-a.2 type vlan id 2')] },
  macvlan: { module: 'macvlan', probes: [link('ip link add nt-a type veth peer name nt-b && ip link add link nt-a name nt-m type macvlan')] },
  ipvlan: { module: 'ipvlan', probes: [link('ip link add nt-a type veth peer name nt-b && ip link add link nt-a name nt-i type ipvlan')] },
  vxlan: { module: 'vxlan', probes: [link('ip link add nt-vx type vxlan id 42 dstport 4789')] },
  geneve: { module: 'geneve', probes: [link('ip link add nt-gn type geneve id 42 remote 192.0.2.1')] },
  gre: { module: 'ip_gre', probes: [link('ip link add nt-gre type gre remote 192.0.2.1 local 192.0.2.2')] },
  ipip: { module: 'ipip', probes: [link('ip link add nt-ipip type ipip remote 192.0.2.1 local 192.0.2.2')] },
  wireguard: { module: 'wireguard', probes: [link('ip link add nt-wg type wireguard')] },
  nftables: { module: 'nf_tables', probes: [nft('table ip nt {\n}')] },
  nf_nat: {
    module: 'nft_chain_nat',
    probes: [nft('table ip nt {\n  chain post { type nat hook postrouting priority 100; }\n}'), { needs: 'iptables', run: 'iptables -t nat -A POSTROUTING -o lo -j ACCEPT' }],
  },
  masquerade: {
    module: 'nft_masq',
    probes: [nft('table ip nt {\n  chain post { type nat hook postrouting priority 100; oifname "lo" masquerade; }\n}'), { needs: 'iptables', run: 'iptables -t nat -A POSTROUTING -o lo -j MASQUERADE' }],
  },
  nf_conntrack: {
    module: 'nf_conntrack',
    probes: [nft('table ip nt {\n  chain fwd { type filter hook forward priority 0; ct state established accept; }\n}'), { needs: 'iptables', run: 'iptables -A FORWARD -m conntrack --ctstate ESTABLISHED -j ACCEPT' }],
  },
  netem: { module: 'sch_netem', probes: [{ needs: 'tc', run: 'tc qdisc add dev lo root netem delay 1ms' }] },
};

export const KERNEL_FEATURE_NAMES = Object.keys(KERNEL_FEATURES);
