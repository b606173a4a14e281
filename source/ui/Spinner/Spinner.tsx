import {Text} from 'ink';
import {useEffect, useState} from 'react';
import {theme} from '../theme.js';
import {spinnerFrames as frames} from './frames.js';


/**
 * The dots spinner of cli-spinners, here rather than from @inkjs/ui: that package's
 * index loads every one of its components, which the first frame cannot afford.
 */
export function Spinner({label}: {readonly label?: string}) {
	const [frame, setFrame] = useState(0);
	useEffect(() => {
		const timer = setInterval(() => setFrame(value => (value + 1) % frames.length), 80);
		return () => clearInterval(timer);
	}, []);

	return (
		<Text>
			<Text color={theme.title}>{frames[frame]}</Text>{label === undefined ? '' : ` ${label}`}
		</Text>
	);
}
