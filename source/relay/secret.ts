/** What every rendering of a secret shows instead of its content. */
export const masked = '********';

/**
 * A relay password. Its content leaves only through reveal(), called where the bytes are
 * written (the 0600 sasl_passwd staging copy) or compared; every other way of turning it into
 * text — a template string, JSON.stringify, console.log, util.inspect, an error message —
 * gives the mask, so a stray log line or --json report cannot leak it.
 */
export class Secret {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
		Object.freeze(this);
	}

	/** The content, for writing the secret file and nothing else. */
	reveal(): string {
		return this.#value;
	}

	get isEmpty(): boolean {
		return this.#value === '';
	}

	/** True when `text` contains the secret (to keep it out of anything shown). */
	occursIn(text: string): boolean {
		return this.#value !== '' && text.includes(this.#value);
	}

	toString(): string {
		return masked;
	}

	toJSON(): string {
		return masked;
	}

	[Symbol.toPrimitive](): string {
		return masked;
	}

	[Symbol.for('nodejs.util.inspect.custom')](): string {
		return `Secret(${masked})`;
	}
}
