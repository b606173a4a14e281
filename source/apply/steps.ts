/** The transaction's steps, in order: shared by the engine and the screens that show it. */
export type StepName = 'lock' | 'backup' | 'write' | 'check' | 'service';
export type StepState = 'running' | 'done' | 'failed' | 'skipped';

export interface StepEvent {
	readonly step: StepName;
	readonly state: StepState;
	/** What happened, e.g. the backup path, "reloaded", or the error. */
	readonly detail?: string;
}

export const stepOrder: readonly StepName[] = ['lock', 'backup', 'write', 'check', 'service'];
