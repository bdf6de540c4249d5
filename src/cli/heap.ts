/**
 * V8's size-first heuristics keep the tutor's resident memory about a fifth lower, but make
 * start-up slower (more collections while modules load): the UI switches them on once its
 * first frame is out, every other command at once.
 */
import { setFlagsFromString } from 'node:v8';

let lean = false;

export function leanHeap(): void {
  if (lean) return;
  lean = true;
  setFlagsFromString('--optimize-for-size');
}
