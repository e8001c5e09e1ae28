import { parseArgs } from "node:util";
import { startForwardingReceiver } from "./forwarding-receiver";

/** The forwarding receiver as a process, for end-to-end tests: answers 200 and lists what it got at /__fake/requests. */
const { values } = parseArgs({ options: { port: { type: "string", default: "6104" } } });
const receiver = await startForwardingReceiver({ port: Number(values.port) });
receiver.setFallback({ status: 200, headers: { "content-type": "application/json" }, body: '{"received":true}' });
console.log(`Forwarding receiver on ${receiver.url}`);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void receiver.close().then(() => process.exit(0)));
