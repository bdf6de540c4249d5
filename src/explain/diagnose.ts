// PLACEHOLDER (lead): replaced by the diagnosis layer being written now.
import type { Lang } from '../i18n/index.js';
import type { CommandResult } from '../lab/sandbox.js';
import type { LabState } from '../lab/state.js';
import type { Step } from '../lesson/types.js';
import type { CheckResult } from '../engine/types.js';
export interface DiagnosisInput { step: Step; commands: CommandResult[]; checks: CheckResult[]; state: LabState; lang: Lang }
export function diagnose(_input: DiagnosisInput): string[] { return []; }
