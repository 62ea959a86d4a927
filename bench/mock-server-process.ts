/** Runs the instant mock LLM server in its own process (so the bench client does not share its event loop) and prints its URL. */
import { startMockLlmServer } from '../test/support/mock-llm-server.js';

const server = await startMockLlmServer({ instant: true });
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
