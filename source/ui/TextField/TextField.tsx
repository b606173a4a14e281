import {Text} from 'ink';
import {useReducer, useRef} from 'react';
import {editLine, lineAtEnd, type Line} from '../input/line-editor.js';
import {useKeys} from '../input/use-keys.js';
import {theme} from '../theme.js';

export interface TextFieldProps {
	/** The value the screen holds; the field adopts it whenever it differs from what it sent. */
	readonly value: string;
	readonly onChange: (value: string) => void;
	/** Enter, with the value as it stands after every key before it. */
	readonly onSubmit?: (value: string) => void;
	/** A password: one `*` per character on screen, the text never. */
	readonly masked?: boolean;
	readonly focus?: boolean;
	readonly placeholder?: string;
}

/**
 * The one text field of the wizard: readline keys, and no key lost in a burst. The value
 * and cursor live in a ref that each key updates at once; the screen's value is followed
 * when it changes from outside (a reset, a proposal).
 */
export function TextField({value, onChange, onSubmit, masked = false, focus = true, placeholder}: TextFieldProps) {
	const line = useRef<Line>(lineAtEnd(value));
	const [, redraw] = useReducer((count: number) => count + 1, 0);
	if (line.current.value !== value) {
		line.current = lineAtEnd(value);
	}

	useKeys((input, key) => {
		const result = editLine(line.current, input, key);
		if (result?.type === 'submit') {
			onSubmit?.(line.current.value);
			return undefined;
		}

		if (!result) {
			return undefined;
		}

		const before = line.current.value;
		line.current = result.line;
		if (result.line.value !== before) {
			onChange(result.line.value);
		}

		redraw();
		// Typing changes the value, never the screen: the next key may follow at once.
		return 'absorbed';
	}, {isActive: focus});

	const characters = [...line.current.value].map(character => (masked ? '*' : character));
	if (!focus) {
		return <Text>{characters.join('')}</Text>;
	}

	if (characters.length === 0 && placeholder) {
		return <Text><Text inverse>{placeholder[0]}</Text><Text color={theme.muted}>{placeholder.slice(1)}</Text></Text>;
	}

	const cursor = Math.min(line.current.cursor, characters.length);
	return (
		<Text>
			{characters.slice(0, cursor).join('')}
			<Text inverse>{characters[cursor] ?? ' '}</Text>
			{characters.slice(cursor + 1).join('')}
		</Text>
	);
}
