/** Postfix queue IDs: short hex (classic) or long base-52 style (enable_long_queue_ids). */
const queueId = String.raw`([0-9A-F]{6,}|[0-9B-DF-HJ-NP-TV-Zb-df-hj-np-tv-z]{10,}[z]?[0-9A-Za-z]+)`;

/** `cleanup[123]: 3748620C0BA: message-id=<abc@host>`: ties a Message-ID to its queue ID. */
export function parseMessageIdLine(line: string): {queueId: string; messageId: string} | undefined {
	const match = line.match(new RegExp(String.raw`\b${queueId}: message-id=<?([^>\s]*)>?`));
	return match ? {queueId: match[1]!, messageId: match[2]!} : undefined;
}

export interface DeliveryLine {
	readonly queueId: string;
	readonly recipient: string;
	readonly relay: string | undefined;
	readonly delay: string | undefined;
	readonly delays: string | undefined;
	readonly dsn: string | undefined;
	readonly status: 'sent' | 'deferred' | 'bounced' | 'expired';
	readonly reply: string | undefined;
}

/**
 * `QUEUEID: to=<r@x>, relay=h[1.2.3.4]:587, delay=0.2, delays=a/b/c/d, dsn=2.0.0, status=sent (250 …)`
 * The reply in parentheses runs to the end of the line and may contain parentheses itself.
 */
export function parseDeliveryLine(line: string): DeliveryLine | undefined {
	const match = line.match(new RegExp(String.raw`\b${queueId}: to=<([^>]*)>,(.*?)status=(sent|deferred|bounced|expired)\b(?:[^(]*\((.*)\))?\s*$`));
	if (!match) {
		return undefined;
	}

	const fields = new Map<string, string>();
	for (const field of match[3]!.split(',')) {
		const [key, ...value] = field.trim().split('=');
		if (key) {
			fields.set(key, value.join('='));
		}
	}

	return {
		queueId: match[1]!,
		recipient: match[2]!,
		relay: fields.get('relay'),
		delay: fields.get('delay'),
		delays: fields.get('delays'),
		dsn: fields.get('dsn'),
		status: match[4] as DeliveryLine['status'],
		reply: match[5],
	};
}

/** `qmgr[…]: QUEUEID: from=<root@example.org>, size=…`: the envelope sender after cleanup's rewriting. */
export function parseSenderLine(line: string): {queueId: string; sender: string} | undefined {
	const match = line.match(new RegExp(String.raw`\b${queueId}: from=<([^>]*)>`));
	return match ? {queueId: match[1]!, sender: match[2]!} : undefined;
}
