import type { IExecuteData, IExecuteSingleFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

/**
 * The routing engine sends all items of a run side by side. Two items for the
 * same contact would both search, both find nothing and both create it (or one
 * would fail on LiveDesk's "has already been taken"). So Create or Update
 * items with the same match value take turns: each one searches only after the
 * previous one's write has been answered, and then finds that contact.
 *
 * The turns live as long as the run: every item of a run shares one
 * IExecuteData object, which keys them.
 */
interface Turn {
	/** The item has stopped waiting for the one before it and is searching. */
	began: Promise<void>;
	/** LiveDesk answered the item's write, or the item failed before sending one. */
	ended: Promise<void>;
}

const turnsByRun = new WeakMap<IExecuteData, Map<string, Turn>>();
const endOfTurn = new WeakMap<IExecuteSingleFunctions, () => void>();

/**
 * Every way an item can end ends its turn (see endTurnWhenWriteFails), so
 * this is a safety net only: longer than an item may legitimately take with
 * n8n's default 5-minute timeout and LiveDesk's Retry-After waits. It counts
 * from when the previous item's own turn began, so the items after it still
 * go one by one.
 */
export const MAX_TURN_WAIT_MS = 10 * 60_000;

export async function waitForUpsertTurn(context: IExecuteSingleFunctions, matchKey: string): Promise<void> {
	const run = context.getExecuteData();
	if (!run) return;
	let turns = turnsByRun.get(run);
	if (!turns) {
		turns = new Map();
		turnsByRun.set(run, turns);
	}
	const previous = turns.get(matchKey);
	let begin = (): void => undefined;
	let end = (): void => undefined;
	const turn: Turn = {
		began: new Promise<void>((resolve) => (begin = resolve)),
		ended: new Promise<void>((resolve) => (end = resolve)),
	};
	endOfTurn.set(context, end);
	turns.set(matchKey, turn);
	if (!previous) {
		begin();
		return;
	}

	await previous.began;
	// n8n-workflow 2.x clears the timer on abort; 1.x ignores the signal and lets it run out.
	const stopWaiting = new AbortController();
	const cancelled = context.getExecutionCancelSignal();
	const signal = cancelled ? AbortSignal.any([stopWaiting.signal, cancelled]) : stopWaiting.signal;
	const gaveUp = sleep(MAX_TURN_WAIT_MS, signal).catch(() => undefined);
	await Promise.race([previous.ended, gaveUp]);
	stopWaiting.abort();
	begin();
}

/**
 * A write that gets no answer at all (connection refused, timeout, reset)
 * reaches no postReceive hook. The engine sends an item's request through
 * that item's own helpers object, so the turn also ends when the call made
 * through it fails; the error itself goes on to the engine unchanged.
 */
export function endTurnWhenWriteFails(context: IExecuteSingleFunctions): void {
	const { helpers } = context;
	const send = helpers.httpRequestWithAuthentication;
	helpers.httpRequestWithAuthentication = async function (
		this: ThisParameterType<typeof send>,
		...args: Parameters<typeof send>
	) {
		const request = send.apply(this, args);
		request.then(undefined, () => endUpsertTurn(context));
		return await request;
	};
}

/**
 * Retry On Fail runs the node again with the same IExecuteData, so turns that
 * a failed try never ended would hold up the next one. Item 0 starts every
 * try (the engine begins the items in order), and clears them.
 */
export function forgetEarlierTries(context: IExecuteSingleFunctions): void {
	const run = context.getExecuteData();
	if (run && context.getItemIndex() === 0) turnsByRun.delete(run);
}

/** Called once LiveDesk has answered the item's write (or the item failed): the next item may search. */
export function endUpsertTurn(context: IExecuteSingleFunctions): void {
	endOfTurn.get(context)?.();
	endOfTurn.delete(context);
}
