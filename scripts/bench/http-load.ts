import http from "node:http";

/**
 * A lean load generator (node:http with keep-alive): undici's fetch costs
 * several times more CPU per request, and on a 2-core machine the generator
 * would otherwise measure itself rather than the server.
 */
export function createPoster(baseUrl: string, concurrency: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const { hostname, port } = new URL(baseUrl);
  return (path: string, body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; ms: number }>((resolve, reject) => {
      const start = performance.now();
      const request = http.request(
        { agent, hostname, port, path, method: "POST", headers: { ...headers, "content-length": Buffer.byteLength(body) } },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - start }));
        },
      );
      request.on("error", reject);
      request.end(body);
    });
}
