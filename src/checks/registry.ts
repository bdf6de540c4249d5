/**
 * Every check kind by its YAML key. Adding a kind is one module in kinds/ plus
 * one line here (or, for a pack-specific or test kind, one registerKind call).
 */
import type { CheckKind, ExpectationBase, Needs } from './kind.js';
import type { Section } from '../lab/state.js';
import { exitKind } from './kinds/exit.js';
import { outputKind } from './kinds/output.js';
import { netnsKind } from './kinds/netns.js';
import { linkKind } from './kinds/link.js';
import { addrKind } from './kinds/addr.js';
import { portKind } from './kinds/port.js';
import { sameMacKind } from './kinds/same-mac.js';
import { neighKind } from './kinds/neigh.js';
import { learnedKind } from './kinds/learned.js';
import { pingKind } from './kinds/ping.js';
import { captureKind } from './kinds/capture.js';
import { routeKind } from './kinds/route.js';
import { sysctlKind } from './kinds/sysctl.js';
import { vxlanKind } from './kinds/vxlan.js';

const kinds = new Map<string, CheckKind<any>>();

export function registerKind<E extends ExpectationBase>(kind: CheckKind<E>): void {
  if (kinds.has(kind.name)) throw new Error(`check kind \`${kind.name}\` is registered twice`);
  kinds.set(kind.name, kind as CheckKind<any>);
}

const BUILT_IN: CheckKind<any>[] = [exitKind, outputKind, netnsKind, linkKind, addrKind, portKind, sameMacKind, neighKind, learnedKind, pingKind, captureKind, routeKind, sysctlKind, vxlanKind];
for (const k of BUILT_IN) registerKind(k);

export function kindNames(): string[] {
  return [...kinds.keys()];
}

export function findKind(name: string): CheckKind | undefined {
  return kinds.get(name);
}

/**
 * The kind a YAML mapping names. A key that names a kind may also be an option
 * of another (`port` in a `learned` expectation): the kind whose keys hold all
 * the others wins. Several candidates, or none, is the author's error.
 */
export function kindsNamedBy(keys: readonly string[]): string[] {
  const named = keys.filter((k) => kinds.has(k));
  const owner = named.filter((k) => named.every((o) => o === k || kinds.get(k)!.keys.includes(o)));
  return owner.length === 1 ? owner : named;
}

export function kindOf(e: ExpectationBase): CheckKind {
  const k = kinds.get(e.kind);
  if (!k) throw new Error(`no check kind \`${e.kind}\` is registered`);
  return k;
}

/** The expectation judges what the step's commands did, not the lab they left. */
export function judgesCommands(e: ExpectationBase): boolean {
  return kindOf(e).needs(e).commands === true;
}

/** What a list of expectations needs read from the lab: state sections and settings. */
export function needsOf(expectations: readonly ExpectationBase[]): { sections: Set<Section>; sysctls: string[] } {
  const all: Needs[] = expectations.map((e) => kindOf(e).needs(e));
  return { sections: new Set(all.flatMap((n) => n.sections ?? [])), sysctls: [...new Set(all.flatMap((n) => n.sysctls ?? []))] };
}
