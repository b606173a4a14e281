import {Box, type DOMElement, Text, measureElement} from 'ink';
import {type ReactNode, createContext, useContext, useEffect, useRef, useState} from 'react';
import type {Lang} from '../../i18n/lang.js';
import {useKeys} from '../input/use-keys.js';
import {uiMessages} from '../messages.js';
import {theme} from '../theme.js';
import {hasMargins} from './layout.js';
import {useTerminalSize} from './use-terminal-size.js';

export interface KeyHint {
	readonly key: string;
	readonly action: string;
}

export interface FrameProps {
	readonly title: string;
	readonly sandbox?: string;
	readonly keys: readonly KeyHint[];
	readonly lang: Lang;
	/** Kept in view below the scrolling part, above the keys: the field being typed in. */
	readonly pinned?: ReactNode;
	readonly children: ReactNode;
}

/** How a part of a screen asks the frame to scroll it into view. */
const InViewContext = createContext<((element: DOMElement) => void) | undefined>(undefined);

/**
 * A part of a screen that must be on screen while it is `active`: the field being typed in,
 * the choice being made. When it becomes active (the next field, another choice), the frame
 * scrolls it into view, so a short terminal never hides where the keys go; scrolling by hand
 * is left alone otherwise.
 */
export function InView({active, children}: {readonly active: boolean; readonly children: ReactNode}) {
	const register = useContext(InViewContext);
	const element = useRef<DOMElement>(null);
	useEffect(() => {
		if (active && element.current) {
			register?.(element.current);
		}
	}, [active, register]);
	return <Box ref={element} flexDirection="column" flexShrink={0}>{children}</Box>;
}

/** Where `element` starts within `container`, in rows (Yoga's layout, as Ink drew it). */
function topWithin(element: DOMElement, container: DOMElement): number | undefined {
	let top = 0;
	for (let node: DOMElement | undefined = element; node !== container; node = node.parentNode) {
		if (!node?.yogaNode) {
			return undefined;
		}

		top += node.yogaNode.getComputedTop();
	}

	return top;
}

/**
 * Every screen: where you are on top, what the keys do at the bottom, both always on screen.
 * The frame is as tall as the terminal (less one line: Ink redraws the whole screen when its
 * output reaches the last row); what does not fit between title and keys scrolls with the
 * arrows and PgUp/PgDn, and a resize re-pages it.
 */
export function Frame({title, sandbox, keys, lang, pinned, children}: FrameProps) {
	const m = uiMessages[lang];
	const {rows} = useTerminalSize();
	const view = useRef<DOMElement>(null);
	const content = useRef<DOMElement>(null);
	const [heights, setHeights] = useState({view: 0, content: 0});
	const [offset, setOffset] = useState(0);
	// The part to bring into view after the next layout (set by InView when what it shows changes).
	const wanted = useRef<DOMElement | undefined>(undefined);
	const [register] = useState(() => (element: DOMElement) => {
		wanted.current = element;
	});
	// Measured after each layout: the content's height changes as screens fill in.
	useEffect(() => {
		if (!view.current || !content.current) {
			return;
		}

		const next = {view: measureElement(view.current).height, content: measureElement(content.current).height};
		if (next.view !== heights.view || next.content !== heights.content) {
			setHeights(next);
		}

		const element = wanted.current;
		const at = element ? topWithin(element, content.current) : undefined;
		if (element && at !== undefined && next.view > 0) {
			const bottom = at + measureElement(element).height;
			const shown = Math.min(offset, Math.max(0, next.content - next.view));
			const wantedTop = at < shown ? at : bottom > shown + next.view ? Math.min(at, bottom - next.view) : shown;
			// Kept until a layout shows it in place: the view shrinks by a row when "lines a–b of n" appears.
			if (wantedTop === shown) {
				wanted.current = undefined;
			} else {
				setOffset(wantedTop);
			}
		}
	});

	const scrollable = rows !== undefined && heights.view > 0 && heights.content > heights.view;
	const maxOffset = scrollable ? heights.content - heights.view : 0;
	const top = Math.min(offset, maxOffset);
	const page = Math.max(1, heights.view - 1);
	useKeys((_input, key) => {
		if (key.downArrow) {
			setOffset(Math.min(maxOffset, top + 1));
		} else if (key.upArrow) {
			setOffset(Math.max(0, top - 1));
		} else if (key.pageDown) {
			setOffset(Math.min(maxOffset, top + page));
		} else if (key.pageUp) {
			setOffset(Math.max(0, top - page));
		}
	}, {isActive: scrollable});

	// The scroll keys go before Ctrl-C, which stays last wherever a screen lists it.
	const quitAt = keys.findIndex(hint => hint.key === m.keys.ctrlC);
	const at = quitAt === -1 ? keys.length : quitAt;
	const hints = scrollable ? [...keys.slice(0, at), {key: m.keys.scroll, action: m.actions.scroll}, ...keys.slice(at)] : keys;
	return (
		<Box flexDirection="column" height={rows === undefined ? undefined : Math.max(3, rows - 1)}>
			<Box columnGap={1} flexShrink={0}>
				{/* Narrow, the screen's title gives way: the program's name and the sandbox badge stay whole. */}
				<Box flexShrink={0}><Text bold color={theme.title}>postfix-wizard</Text></Box>
				<Box flexShrink={0}><Text color={theme.muted}>·</Text></Box>
				<Text bold wrap="truncate-end">{title}</Text>
				{sandbox && <Box flexShrink={0}><Text inverse color={theme.warn}>{` ${sandbox} `}</Text></Box>}
			</Box>
			<Box ref={view} flexDirection="column" flexGrow={1} flexShrink={1} overflowY="hidden" marginY={hasMargins(rows) ? 1 : 0}>
				<Box ref={content} flexDirection="column" flexShrink={0} marginTop={-top}><InViewContext.Provider value={register}>{children}</InViewContext.Provider></Box>
			</Box>
			{pinned && <Box flexDirection="column" flexShrink={0} marginBottom={hasMargins(rows) ? 1 : 0}>{pinned}</Box>}
			{scrollable && <Box flexShrink={0}><Text color={theme.muted} wrap="truncate-end">{m.lines(top + 1, Math.min(heights.content, top + heights.view), heights.content)}</Text></Box>}
			<Box columnGap={2} rowGap={0} flexWrap="wrap" flexShrink={0}>
				{hints.map(hint => (
					<Text key={hint.key}>
						<Text bold color={theme.key}>{hint.key}</Text>
						<Text color={theme.muted}> {hint.action}</Text>
					</Text>
				))}
			</Box>
		</Box>
	);
}
