// A server process as far as jobs go: the poller instrumentation.ts starts, with its signal handling.
// Run by tests/integration/job-shutdown.test.ts under `tsx --conditions=react-server`.
import { startJobPoller } from "@/lib/composition/job-poller";

startJobPoller();
console.log("poller started");
// The poller's timer is unref'ed; keep the process alive as a server would.
setInterval(() => {}, 60_000);
