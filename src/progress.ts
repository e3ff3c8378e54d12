/**
 * How far a long piece of work is (an import, an export, a restore, a reindex): the work names
 * its phases and advances them as batches commit; the command line draws them (src/cli/progress.ts).
 * The same port carries the operator's request to stop: `checkpoint()`, called between batches,
 * throws InterruptedError once it was made, so that work stops where nothing is half-written.
 */
export interface Progress {
  /** Starts a phase of `total` units (undefined when not known in advance). */
  phase(name: string, total?: number): Phase;
  /** Throws InterruptedError when the operator asked to stop; call it between batches. */
  checkpoint(): void;
}

/** One phase of the work. */
export interface Phase {
  /** Counts `by` more units done (committed, for a write). */
  advance(by?: number): void;
  /** Ends the phase. */
  end(): void;
}

/** The work stopped between batches because the operator asked it to (Ctrl-C). */
export class InterruptedError extends Error {
  constructor() {
    super('interrupted');
    this.name = 'InterruptedError';
  }
}

const NO_PHASE: Phase = { advance: () => undefined, end: () => undefined };

/** Progress nobody watches, and that is never interrupted: what services default to. */
export const NO_PROGRESS: Progress = { phase: () => NO_PHASE, checkpoint: () => undefined };
