/**
 * Whether a process lives, by signal 0. EPERM means it lives but belongs to someone else
 * (a Postfix master started by another user, a lock held by another account's run).
 */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}
