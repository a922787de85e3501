// The shapes of the wizard: decision trees as data, patterns that turn
// answers into Go code, and the facts about the target that shape the code.
import type { LocalText } from '../l10n/locale';

/** A question with options, each leading to another question or to a leaf. */
export interface QuestionNode {
  kind: 'question';
  id: string;
  title: LocalText;
  help?: LocalText;
  options: { label: LocalText; description?: LocalText; next: string }[];
}

/** A recommendation: the pattern to generate, why, and what it costs. */
export interface LeafNode {
  kind: 'leaf';
  id: string;
  title: LocalText;
  why: LocalText;
  tradeoffs: LocalText[];
  pitfalls: LocalText[];
  /** Pattern ids offered at this leaf; the first is the default. */
  patterns: string[];
}

export type DecisionNode = QuestionNode | LeafNode;

export interface DecisionTree {
  id: string;
  title: LocalText;
  root: string;
  nodes: Record<string, DecisionNode>;
}

export type ParamKind = 'identifier' | 'type' | 'int' | 'duration' | 'choice' | 'bool' | 'fields';

export interface ParamSpec {
  id: string;
  label: LocalText;
  kind: ParamKind;
  default: string;
  choices?: { value: string; label: LocalText }[];
  /** The parameter matters only for modules before this Go version (UIs may hide it). */
  onlyBefore?: string;
}

export type Answers = Record<string, string>;

/** An import the generated code needs: path and the package name the code uses. */
export interface ImportNeed {
  path: string;
  name: string;
}

/** A module dependency to offer adding to go.mod. */
export interface ModuleDependency {
  module: string;
  why: LocalText;
}

/** What is known about where the code goes. */
export interface TargetFacts {
  /** The `go` directive of the nearest go.mod; undefined → assume the newest language. */
  goVersion?: string;
  packageName: string;
}

export interface GeneratedCode {
  /** Top-level Go declarations, tab-indented, using the package names of `imports`. */
  code: string;
  imports: ImportNeed[];
  /** An optional `_test.go` body (declarations only) exercising the code under -race. */
  test?: { code: string; imports: ImportNeed[] };
  dependencies: ModuleDependency[];
  /** Notes shown with the preview (e.g. a downgrade because of the Go version). */
  notes: LocalText[];
}

export interface Pattern {
  id: string;
  title: LocalText;
  summary: LocalText;
  params: ParamSpec[];
  generate(answers: Answers, target: TargetFacts): GeneratedCode;
}
