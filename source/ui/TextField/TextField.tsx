import TextInput, {type Key} from 'ink-text-input';
import {useKeys} from '../input/use-keys.js';

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

/** Keys after which the screen may change (Enter submits, Esc goes back, Tab moves on): the next key waits for it. */
function mayChangeScreen(input: string, key: Key): boolean {
	return key.return || key.escape || key.tab || key.upArrow || key.downArrow || key.pageUp || key.pageDown || (key.ctrl && input === 'c');
}

/**
 * The one text field of the wizard: ink-text-input, mended at install (patches/): readline
 * keys, Backspace apart from Delete, every key applied to the value the key before left.
 * The keys reach it one at a time through the wizard's key router (../input/use-keys.ts),
 * which here only learns that an editing key changed nothing but the field, so the next key
 * need not wait for a frame.
 */
export function TextField({value, onChange, onSubmit, masked = false, focus = true, placeholder}: TextFieldProps) {
	useKeys((input, key) => (mayChangeScreen(input, key) ? undefined : 'absorbed'), {isActive: focus});
	return (
		<TextInput
			value={value}
			focus={focus}
			mask={masked ? '*' : undefined}
			placeholder={placeholder}
			onChange={onChange}
			onSubmit={onSubmit}
		/>
	);
}
