// PLACEHOLDER (lead): replaced by the Ink UI being written now.
export async function runInteractive(_opts: unknown): Promise<number> { throw new Error('the interactive UI is not built yet'); }
