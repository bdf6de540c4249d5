/** Why the sandbox could not start, as advice a learner can act on. */
import type { Lang } from '../i18n/index.js';
import type { LabError } from '../lab/lab-error.js';
import { tc } from './messages.js';

export function labErrorMessage(e: LabError, lang: Lang): string {
  switch (e.code) {
    case 'userns-apparmor':
      return tc(lang, 'errAppArmor');
    case 'userns-max':
      return tc(lang, 'errMaxUserns');
    case 'userns-disabled':
      return tc(lang, 'errUsernsClone');
    case 'userns-limit':
      return tc(lang, 'errUsernsLimit', { detail: e.detail.split('\n')[0] || 'ENOSPC' });
    case 'no-unshare':
      return tc(lang, 'errNoUnshare');
    case 'root-failed':
      return tc(lang, 'errRootFailed', { detail: e.detail || '?' });
    default:
      return tc(lang, 'errUsernsFailed', { detail: e.detail || '?' });
  }
}
