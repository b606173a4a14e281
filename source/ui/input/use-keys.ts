import type {EventEmitter} from 'node:events';
import {useStdin} from 'ink';
import {useEffect, useLayoutEffect, useReducer, useRef} from 'react';
import {createKeystrokeReader, type Key, type Keystroke} from 'ink-text-input';

export type {Key} from 'ink-text-input';

/**
 * A key's handler. It returns 'absorbed' when it took the key into a text field (whose own
 * ref already holds the result) and nothing else changes: the next key need not wait for a
 * frame, so a paste of a hundred characters is not a hundred renders.
 */
export type KeyHandler = (input: string, key: Key) => 'absorbed' | void;

interface Subscriber {
	readonly handler: {readonly current: KeyHandler};
	readonly active: {readonly current: boolean};
	/** Renders the listening component again: a commit to wait for, whatever the key changed. */
	readonly rerender: () => void;
}

interface Router {
	readonly subscribers: Set<Subscriber>;
	/** Emits one key to Ink's own listeners (ink-text-input's field among them). */
	readonly emit: (sequence: string) => void;
	readonly queue: Keystroke[];
	draining: boolean;
	/** Who waits for the next commit in which a component listening for keys rendered or left. */
	onCommit: (() => void) | undefined;
}

const routers = new WeakMap<EventEmitter, Router>();

/**
 * Hands the keystrokes to the screens one at a time, each after the previous one has been
 * rendered. Ink's own useInput calls the handlers of the frame on display for every key of
 * an event, and registers new ones in an effect: in a burst every key after the first meets
 * the closures (and text value) of the frame before it, so keys are lost, garbled, or reach
 * a screen that is already gone. Here the handlers are read from refs set while rendering
 * and subscribed in layout effects, and the next key waits until React has committed what
 * the previous one changed (every component that listens for keys reports its commits).
 *
 * A key that changed nothing schedules no render, and a wait for its frame would last until
 * some timer gave up. So with the key's updates, a listener is asked to render again: React
 * renders all the updates of one task in one commit, which therefore always comes, and comes
 * with everything the key changed, or with nothing more than that listener when it changed
 * nothing. Whether a key changed anything is never guessed.
 */
function afterRender(router: Router): Promise<void> {
	// Any listener will do: the one subscribed last belongs to the screen on display, not to the App around every screen.
	const listener = [...router.subscribers].at(-1);
	if (listener === undefined) {
		// Nothing listens any more (the app is gone): no frame to wait for.
		return Promise.resolve();
	}

	return new Promise(resolve => {
		router.onCommit = () => {
			router.onCommit = undefined;
			resolve();
		};
		listener.rerender();
	});
}

async function drain(router: Router): Promise<void> {
	if (router.draining) {
		return;
	}

	router.draining = true;
	try {
		for (let next = router.queue.shift(); next; next = router.queue.shift()) {
			// The field first, as a person sees it: the key edits the text, then the screen reacts.
			router.emit(next.sequence);
			let absorbed = false;
			for (const subscriber of [...router.subscribers]) {
				// A handler may have unmounted the screens after it: they no longer get keys.
				if (router.subscribers.has(subscriber) && subscriber.active.current) {
					absorbed = subscriber.handler.current(next.input, next.key) === 'absorbed' || absorbed;
				}
			}

			// A key that may change the screen: the next one, in this event or a later one, waits for the frame.
			if (!absorbed) {
				await afterRender(router);
			}
		}
	} finally {
		router.draining = false;
	}
}

/**
 * Ink emits what it reads from stdin on its input emitter, several keys at once when they
 * came together. The router takes those events before any listener does, reads them into
 * keys, and hands each key on by itself, in order: to the screens' handlers, and, as its own
 * bytes, to Ink's listeners on the same emitter (the text field of ink-text-input). So every
 * key anywhere in the app goes through this one queue, one at a time.
 */
function routerOf(emitter: EventEmitter): Router {
	const existing = routers.get(emitter);
	if (existing) {
		return existing;
	}

	const emit = emitter.emit.bind(emitter);
	let delivering = false;
	const router: Router = {
		subscribers: new Set(),
		queue: [],
		draining: false,
		onCommit: undefined,
		emit(sequence) {
			delivering = true;
			try {
				emit('input', sequence);
			} finally {
				delivering = false;
			}
		},
	};
	const read = createKeystrokeReader();
	emitter.emit = (name: string | symbol, ...args: unknown[]): boolean => {
		if (name !== 'input' || delivering) {
			return emit(name, ...args);
		}

		router.queue.push(...read(String(args[0])));
		void drain(router);
		return true;
	};

	routers.set(emitter, router);
	return router;
}

/**
 * The wizard's useInput: the same (input, key) handler, but every key of a burst is
 * delivered in order, on its own, to the screen that is on display when it is handled.
 */
export function useKeys(handler: KeyHandler, options: {readonly isActive?: boolean} = {}): void {
	const {internal_eventEmitter: emitter, setRawMode} = useStdin();
	const isActive = options.isActive !== false;
	const handlerRef = useRef(handler);
	handlerRef.current = handler;
	const activeRef = useRef(isActive);
	activeRef.current = isActive;
	const [, rerender] = useReducer((count: number) => count + 1, 0);

	useEffect(() => {
		if (!isActive) {
			return;
		}

		setRawMode(true);
		return () => setRawMode(false);
	}, [isActive, setRawMode]);

	// Layout effects: they run within the commit itself, before the next key is handed over.
	useLayoutEffect(() => {
		routerOf(emitter).onCommit?.();
	});
	useLayoutEffect(() => {
		const router = routerOf(emitter);
		const subscriber: Subscriber = {handler: handlerRef, active: activeRef, rerender};
		router.subscribers.add(subscriber);
		return () => {
			router.subscribers.delete(subscriber);
			// Leaving is a commit too: the key may have ended the screen that was asked to render.
			router.onCommit?.();
		};
	}, [emitter]);
}
