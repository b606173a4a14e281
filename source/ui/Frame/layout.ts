// Pure, without Ink: the first paint (source/ui/first-paint.ts) lays the frame out as Frame does.

/** From this many rows on, a blank row sets the content off from the title and from the keys. */
export const roomyRows = 18;

/** Whether the frame has those blank rows: not on a small terminal, nor when its height is unknown. */
export function hasMargins(rows: number | undefined): boolean {
	return rows === undefined || rows >= roomyRows;
}
