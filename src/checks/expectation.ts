/** The built-in expectations, one variant per kind module. */
import type { AddrExpectation } from './kinds/addr.js';
import type { CaptureExpectation } from './kinds/capture.js';
import type { ExitExpectation } from './kinds/exit.js';
import type { LearnedExpectation } from './kinds/learned.js';
import type { LinkExpectation } from './kinds/link.js';
import type { NeighExpectation } from './kinds/neigh.js';
import type { NetnsExpectation } from './kinds/netns.js';
import type { OutputExpectation } from './kinds/output.js';
import type { PingExpectation } from './kinds/ping.js';
import type { PortExpectation } from './kinds/port.js';
import type { RouteExpectation } from './kinds/route.js';
import type { SameMacExpectation } from './kinds/same-mac.js';
import type { SysctlExpectation } from './kinds/sysctl.js';
import type { VxlanExpectation } from './kinds/vxlan.js';

export type Expectation =
  | ExitExpectation
  | OutputExpectation
  | NetnsExpectation
  | LinkExpectation
  | AddrExpectation
  | PortExpectation
  | SameMacExpectation
  | NeighExpectation
  | LearnedExpectation
  | PingExpectation
  | CaptureExpectation
  | RouteExpectation
  | SysctlExpectation
  | VxlanExpectation;

export type ExpectationKind = Expectation['kind'];
