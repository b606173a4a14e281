import type {EventEmitter} from 'node:events';
import {useStdin} from 'ink';
import {useEffect, useLayoutEffect, useRef} from 'react';
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
}

interface Router {
	readonly subscribers: Set<Subscriber>;
	/** Emits one key to Ink's own listeners (ink-text-input's field among them). */
	readonly emit: (sequence: string) => void;
	readonly queue: Keystroke[];
	draining: boolean;
	/** Commits in which a component listening for keys rendered; and who waits for the next. */
	commits: number;
	onCommit: (() => void) | undefined;
	/**
	 * The commit count when the last key that may change the screen was handed over, until
	 * a frame shows its effect: a key that arrives in a later event waits for that frame too.
	 */
	unrendered: {readonly commits: number; readonly at: number} | undefined;
}

/**
 * How long a key waits for the frame the previous key made. A key that changed nothing makes
 * no frame; under load, React may need several turns of the event loop to render one.
 */
const renderWaitMs = 500;

const routers = new WeakMap<EventEmitter, Router>();

/**
 * Hands the keystrokes to the screens one at a time, each after the previous one has been
 * rendered. Ink's own useInput calls the handlers of the frame on display for every key of
 * an event, and registers new ones in an effect: in a burst every key after the first meets
 * the closures (and text value) of the frame before it, so keys are lost, garbled, or reach
 * a screen that is already gone. Here the handlers are read from refs set while rendering
 * and subscribed in layout effects, and the next key waits until React has committed what
 * the previous one changed (every component that listens for keys reports its commits).
 */
async function afterRender(router: Router, before: number, since: number): Promise<void> {
	// Counted from when the key was handed over: a key typed later does not wait longer.
	const wait = renderWaitMs - (Date.now() - since);
	if (router.commits !== before || wait <= 0) {
		return;
	}

	await new Promise<void>(resolve => {
		const timer = setTimeout(() => {
			router.onCommit = undefined;
			resolve();
		}, wait);
		router.onCommit = () => {
			clearTimeout(timer);
			router.onCommit = undefined;
			resolve();
		};
	});
}

async function drain(router: Router): Promise<void> {
	if (router.draining) {
		return;
	}

	router.draining = true;
	try {
		for (let next = router.queue.shift(); next; next = router.queue.shift()) {
			if (router.unrendered !== undefined) {
				await afterRender(router, router.unrendered.commits, router.unrendered.at);
				router.unrendered = undefined;
			}

			const before = router.commits;
			// The field first, as a person sees it: the key edits the text, then the screen reacts.
			router.emit(next.sequence);
			let absorbed = false;
			for (const subscriber of [...router.subscribers]) {
				// A handler may have unmounted the screens after it: they no longer get keys.
				if (router.subscribers.has(subscriber) && subscriber.active.current) {
					absorbed = subscriber.handler.current(next.input, next.key) === 'absorbed' || absorbed;
				}
			}

			if (!absorbed) {
				router.unrendered = {commits: before, at: Date.now()};
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
		commits: 0,
		onCommit: undefined,
		unrendered: undefined,
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

	useEffect(() => {
		if (!isActive) {
			return;
		}

		setRawMode(true);
		return () => setRawMode(false);
	}, [isActive, setRawMode]);

	// Layout effects: they run within the commit itself, before the next key is handed over.
	useLayoutEffect(() => {
		const router = routerOf(emitter);
		router.commits++;
		router.onCommit?.();
	});
	useLayoutEffect(() => {
		const router = routerOf(emitter);
		const subscriber: Subscriber = {handler: handlerRef, active: activeRef};
		router.subscribers.add(subscriber);
		return () => {
			router.subscribers.delete(subscriber);
		};
	}, [emitter]);
}
