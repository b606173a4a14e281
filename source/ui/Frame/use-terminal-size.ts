import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface TerminalSize {
	/** Undefined when the output is not a terminal (tests): no height to fit. */
	readonly rows: number | undefined;
	readonly columns: number;
}

/** The terminal's size, followed as it is resized: the frame re-pages instead of spilling over. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({rows: stdout.rows || undefined, columns: stdout.columns || 80});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => setSize(read());
		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
	}, [stdout]);
	return size;
}
