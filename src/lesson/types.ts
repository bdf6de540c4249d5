/** The in-memory shape of a course, as parsed from lesson Markdown. */

export type Where = 'host' | string;

export type PacketKind = 'arp-request' | 'arp-reply' | 'icmp-echo' | 'icmp-echo-request' | 'icmp-echo-reply';

interface Common {
  /** 1-based line in the lesson file where this expectation starts. */
  line: number;
  /** Lesson-authored explanation shown when this expectation fails. */
  explain?: string;
}

export type Expectation = Common &
  (
    | { kind: 'exit'; status: number | 'nonzero' }
    | { kind: 'output'; pattern: string; matches: boolean }
    | { kind: 'netns'; name: string; exists: boolean }
    | { kind: 'link'; name: string; in: Where; exists: boolean; up?: boolean }
    | { kind: 'addr'; cidr: string; dev: string; in: Where; exists: boolean }
    | { kind: 'port'; name: string; bridge: string; in: Where; exists: boolean }
    | { kind: 'same-mac'; a: string; b: string; in: Where }
    | { kind: 'neigh'; address: string; dev: string; in: Where; resolved: boolean }
    | { kind: 'learned'; bridge: string; in: Where; macOf: string; macIn: Where }
    | { kind: 'ping'; target: string; from: Where; iface?: string; succeeds: boolean; timeout?: number }
    | { kind: 'capture'; iface: string; in: Where; shows: PacketKind[]; hides: PacketKind[]; during?: string }
  );

export type ExpectationKind = Expectation['kind'];

export interface Explanation {
  output?: string;
  command?: string;
  say: string;
  /** The command that repairs the mistake; offered once proven on a copy of the learner's lab. */
  fix?: string;
  line: number;
}

export interface WrongAnswer {
  command: string;
  explains: string;
  line: number;
}

export interface Step {
  id: string;
  title: string;
  /** Markdown prose of the step, without the run and step blocks. */
  prose: string;
  commands: string[];
  expect: Expectation[];
  hints: string[];
  why?: string;
  explain: Explanation[];
  wrong: WrongAnswer[];
  /** Tool name -> commands to run instead when that tool is not installed. */
  without: Record<string, string[]>;
  /** Seconds each command may run. */
  timeout: number;
  /** The built-in diagnosis explains this step's failures (false: only the lesson's own explanations). */
  diagnose: boolean;
  line: number;
  /** Line of the first command in the run block. */
  commandsLine: number;
}

export interface Lesson {
  id: string;
  title: string;
  intro: string;
  steps: Step[];
  file: string;
}

export interface Course {
  dir: string;
  lessons: Lesson[];
}

/** A step with its place in the course, as `L.S`. */
export interface StepRef {
  lesson: number;
  step: number;
}

export interface LessonError {
  file: string;
  line: number;
  message: string;
}
