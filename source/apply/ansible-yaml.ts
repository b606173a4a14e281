import YAML, {Alias, type Document, isMap, isScalar, isSeq, type Node, Scalar} from 'yaml';

/** Text marked `!unsafe`: Ansible never templates it, so its braces are literal. */
export class UnsafeText {
	constructor(readonly text: string) {}
}

/** An `!vault` encrypted value: only Ansible, with the vault password, can read it. */
export class VaultText {
	constructor(readonly ciphertext: string) {}
}

/** A YAML float: kept apart from integers, as Python prints 1.0 and 1 differently. */
export class FloatValue {
	constructor(readonly value: number) {}

	/** The way Python prints it (`1.0`, `0.5`, `inf`): what the role would hand to postconf. */
	toString(): string {
		const {value} = this;
		if (Number.isNaN(value)) {
			return 'nan';
		}

		if (!Number.isFinite(value)) {
			return value > 0 ? 'inf' : '-inf';
		}

		return Number.isInteger(value) && Math.abs(value) < 1e16 ? value.toFixed(1) : String(value);
	}
}

export type AnsibleValue = string | number | bigint | boolean | null | FloatValue | UnsafeText | VaultText | AnsibleValue[] | {[key: string]: AnsibleValue};

// PyYAML's implicit resolvers (Ansible's loader): YAML 1.1, but no y/n booleans, and a
// float needs a dot, so `1e3` stays text.
const booleans = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const truths = /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/;
const nulls = /^(?:~|null|Null|NULL|)$/;
const integers = /^(?:[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][\d_]*)|[-+]?0x[\da-fA-F_]+|[-+]?[1-9][\d_]*(?::[0-5]?\d)+)$/;
const floats = /^(?:[-+]?\d[\d_]*\.[\d_]*(?:[eE][-+]\d+)?|\.[\d_]+(?:[eE][-+]\d+)?|[-+]?\d[\d_]*(?::[0-5]?\d)+\.[\d_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function sexagesimal(digits: string): number {
	return digits.split(':').reduce((total, part) => (total * 60) + Number(part), 0);
}

function integer(text: string): bigint {
	const negative = text.startsWith('-');
	const digits = text.replace(/^[-+]/, '').replaceAll('_', '');
	let value: bigint;
	if (digits.includes(':')) {
		value = BigInt(sexagesimal(digits));
	} else if (/^0[bx]/.test(digits)) {
		value = BigInt(digits);
	} else if (digits.length > 1 && digits.startsWith('0')) {
		value = BigInt(`0o${digits.slice(1)}`);
	} else {
		value = BigInt(digits);
	}

	return negative ? -value : value;
}

function float(text: string): number {
	const clean = text.replaceAll('_', '');
	if (/\.(?:nan|NaN|NAN)$/.test(clean)) {
		return Number.NaN;
	}

	if (/\.(?:inf|Inf|INF)$/.test(clean)) {
		return clean.startsWith('-') ? -Infinity : Infinity;
	}

	if (clean.includes(':')) {
		const negative = clean.startsWith('-');
		const [whole = '', fraction = ''] = clean.replace(/^[-+]/, '').split('.');
		const value = sexagesimal(whole) + Number(`0.${fraction || '0'}`);
		return negative ? -value : value;
	}

	return Number(clean);
}

/** A plain (unquoted) scalar as PyYAML resolves it. */
function resolvePlain(text: string): AnsibleValue {
	if (booleans.test(text)) {
		return truths.test(text);
	}

	if (nulls.test(text)) {
		return null;
	}

	if (integers.test(text)) {
		const value = integer(text);
		return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
	}

	if (floats.test(text)) {
		return new FloatValue(float(text));
	}

	return text;
}

function toValue(node: Node | null | undefined, document: Document, depth = 0): AnsibleValue {
	if (depth > 64) {
		throw new Error('nested too deeply');
	}

	if (node === null || node === undefined) {
		return null;
	}

	if (node instanceof Alias) {
		return toValue(node.resolve(document) as Node | undefined, document, depth + 1);
	}

	if (isMap(node)) {
		const result: Record<string, AnsibleValue> = {};
		for (const pair of node.items) {
			const key = toValue(pair.key as Node, document, depth + 1);
			result[key instanceof UnsafeText ? key.text : String(key)] = toValue(pair.value as Node, document, depth + 1);
		}

		return result;
	}

	if (isSeq(node)) {
		return node.items.map(item => toValue(item as Node, document, depth + 1));
	}

	if (isScalar(node)) {
		const text = String(node.value ?? '');
		if (node.tag === '!unsafe') {
			return new UnsafeText(text);
		}

		if (node.tag === '!vault') {
			return new VaultText(text);
		}

		return node.type === Scalar.PLAIN && node.tag === undefined ? resolvePlain(text) : text;
	}

	return null;
}

/**
 * Parses YAML as Ansible does (PyYAML, YAML 1.1): `yes`/`on`/`true` are booleans, `010`
 * is 8, `1e3` is text, `!unsafe` text is never templated and `!vault` values stay sealed.
 * JSON is YAML too.
 */
export function parseAnsibleYaml(text: string): AnsibleValue {
	const document = YAML.parseDocument(text, {
		schema: 'failsafe',
		customTags: [
			{tag: '!unsafe', resolve: (value: string) => value},
			{tag: '!vault', resolve: (value: string) => value},
		],
		prettyErrors: false,
	});
	const [error] = document.errors;
	if (error) {
		throw new Error(error.message.split('\n')[0]);
	}

	return toValue(document.contents as Node | null, document);
}
