package io.aleph4j.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.api.http.ApiHttpPlugin;
import io.aleph4j.plugins.chain.evm.ChainEvmPlugin;
import io.aleph4j.plugins.content.fs.ContentFsPlugin;
import io.aleph4j.plugins.crn.supervisor.CrnSupervisorPlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.plugins.vm.process.VmProcessPlugin;
import io.aleph4j.plugins.vm.wasm.VmWasmPlugin;
import io.aleph4j.testkit.EmbeddedNode;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The CRN's cost against the same program run directly, in one run ({@code benchmarks/crn [rounds]}, default 50).
 * The program is a {@code binary} one that starts in a few milliseconds: a shell script that has socat answer
 * HTTP on port 8080. Cold start: the first request to {@code /vm/{hash}/} of a program not running yet (one PROGRAM
 * message per round, all on the same code, so the code is unpacked once, as for a program asked again after its
 * idle stop) against the same script started directly and asked until it answers. Warm request: requests to a
 * running program through the supervisor against requests to the same script run directly on a port of its own,
 * by the same client. Prints p50/p99 of each and the differences.
 */
public final class CrnLoadTest {

    private static final String PROGRAM = """
            #!/bin/sh
            # Answers every request with "ok": an executable listening on HTTP port 8080, as binary programs do.
            here=$(cd "$(dirname "$0")" && pwd)
            exec /usr/bin/socat TCP-LISTEN:${PORT:-8080},bind=127.0.0.1,fork,reuseaddr SYSTEM:"cat $here/response.http"
            """;
    private static final String RESPONSE = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok";
    /**
     * The warm figure's program: an HTTP/1.1 server that keeps connections open and writes each response in one
     * write with Nagle's algorithm off (Python's standard library), so that a warm request is one exchange on an
     * open connection, through the CRN as directly.
     */
    private static final String KEEP_ALIVE_PROGRAM = """
            #!/usr/bin/python3
            import http.server, os

            class Handler(http.server.BaseHTTPRequestHandler):
                protocol_version = "HTTP/1.1"
                wbufsize = -1
                disable_nagle_algorithm = True

                def do_GET(self):
                    self.send_response(200)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                    self.wfile.flush()

                def log_message(self, *args):
                    pass

            port = int(os.environ.get("PORT", "8080"))
            http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
            """;

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Files.createTempDirectory("aleph4j-crn-bench");
        int crnPort = freePort();
        try (EmbeddedNode node = EmbeddedNode.builder().dataDirectory(work.resolve("node"))
                .plugin(InlinePlugin.of("chain-evm", new ChainEvmPlugin()))
                .plugin(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()))
                .plugin(InlinePlugin.of("content-fs", new ContentFsPlugin()))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin()))
                .plugin(InlinePlugin.of("vm-process", new VmProcessPlugin()))
                .plugin(InlinePlugin.of("vm-wasm", new VmWasmPlugin()))
                .plugin(InlinePlugin.of("crn-supervisor", new CrnSupervisorPlugin()))
                .set("crn-supervisor", "port", crnPort).start();
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            List<String> programs = publish(node, client, rounds + 3);
            Path script = work.resolve("program.sh");
            Files.writeString(script, PROGRAM);
            Files.writeString(work.resolve("response.http"), RESPONSE);
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));

            List<Double> coldCrn = new ArrayList<>();
            List<Double> coldDirect = new ArrayList<>();
            for (int round = 0; round < programs.size(); round++) {
                URI first = URI.create("http://127.0.0.1:" + crnPort + "/vm/" + programs.get(round) + "/");
                double crnMillis = timed(() -> expectOk(client, first));
                double directMillis = directColdStart(client, script);
                if (round >= 3) {
                    coldCrn.add(crnMillis);
                    coldDirect.add(directMillis);
                }
            }
            String keepAlive = publish(node, client, 1, java.util.Map.of("server.py",
                    KEEP_ALIVE_PROGRAM.getBytes(StandardCharsets.UTF_8)), "server.py", 20261207L).getFirst();
            Path keepAliveScript = work.resolve("server.py");
            Files.writeString(keepAliveScript, KEEP_ALIVE_PROGRAM);
            Files.setPosixFilePermissions(keepAliveScript, PosixFilePermissions.fromString("rwxr-xr-x"));
            URI crn = URI.create("http://127.0.0.1:" + crnPort + "/vm/" + keepAlive + "/");
            List<Double> warmCrn = new ArrayList<>();
            List<Double> warmDirect = new ArrayList<>();
            int port = freePort();
            ProcessBuilder directBuilder = new ProcessBuilder(keepAliveScript.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            directBuilder.environment().put("PORT", Integer.toString(port));
            List<Double> bareHttp = new ArrayList<>();
            Process server = directBuilder.start();
            org.eclipse.jetty.server.Server bare = bareServer();
            try {
                URI directUri = URI.create("http://127.0.0.1:" + port + "/");
                URI bareUri = bare.getURI().resolve("/");
                awaitAnswer(client, directUri);
                warmRounds(rounds, List.of(warmCrn, warmDirect, bareHttp), () -> expectOk(client, crn),
                        () -> expectOk(client, directUri), () -> expectOk(client, bareUri));
            } finally {
                server.destroy();
                bare.stop();
            }
            System.out.println("| figure | p50 ms | p99 ms |");
            System.out.println("| --- | --- | --- |");
            row("cold start through the CRN (vm-process, bubblewrap, cgroups)", coldCrn);
            row("cold start of the same program run directly", coldDirect);
            row("warm request through the CRN (a keep-alive program)", warmCrn);
            row("warm request to the keep-alive program directly", warmDirect);
            row("bare HTTP exchange (Jetty answering ok, same client)", bareHttp);
            System.out.printf("cold start overhead p50: %.1f ms; warm overhead p50: %.2f ms beyond the program, %.2f ms "
                            + "beyond the program and the bare HTTP exchange%n",
                    percentile(coldCrn, 50) - percentile(coldDirect, 50),
                    percentile(warmCrn, 50) - percentile(warmDirect, 50),
                    percentile(warmCrn, 50) - percentile(warmDirect, 50) - percentile(bareHttp, 50));

            wasm(node, client, crnPort, rounds);
        }
    }

    /**
     * The same figures for vm-wasm: a module that answers "ok" the CGI way, through the CRN (a new PROGRAM each
     * round for cold starts) against the same module run directly with Chicory in this JVM (parsed, instantiated
     * and run: what a cold start is; instantiated and run: what a warm request is).
     */
    private static void wasm(EmbeddedNode node, HttpClient client, int crnPort, int rounds) throws Exception {
        byte[] module = io.aleph4j.testkit.Wat.compile(OK_WAT);
        List<String> programs = publish(node, client, rounds + 3, java.util.Map.of("main.wasm", module), "main.wasm",
                20261206L);
        List<Double> coldCrn = new ArrayList<>();
        List<Double> coldDirect = new ArrayList<>();
        for (int round = 0; round < programs.size(); round++) {
            URI first = URI.create("http://127.0.0.1:" + crnPort + "/vm/" + programs.get(round) + "/");
            double crnMillis = timed(() -> expectOk(client, first));
            double directMillis = timed(() -> DirectWasm.answer(com.dylibso.chicory.wasm.Parser.parse(module)));
            if (round >= 3) {
                coldCrn.add(crnMillis);
                coldDirect.add(directMillis);
            }
        }
        URI crn = URI.create("http://127.0.0.1:" + crnPort + "/vm/" + programs.get(0) + "/");
        com.dylibso.chicory.wasm.WasmModule parsed = com.dylibso.chicory.wasm.Parser.parse(module);
        List<Double> warmCrn = new ArrayList<>();
        List<Double> warmDirect = new ArrayList<>();
        List<Double> bareHttp = new ArrayList<>();
        org.eclipse.jetty.server.Server bare = bareServer();
        try {
            URI bareUri = bare.getURI().resolve("/");
            warmRounds(rounds, List.of(warmCrn, warmDirect, bareHttp), () -> expectOk(client, crn),
                    () -> DirectWasm.answer(parsed), () -> expectOk(client, bareUri));
        } finally {
            bare.stop();
        }
        System.out.println();
        System.out.println("| vm-wasm figure | p50 ms | p99 ms |");
        System.out.println("| --- | --- | --- |");
        row("cold start through the CRN (vm-wasm, Chicory)", coldCrn);
        row("cold start of the same module run directly (parse, instantiate, run)", coldDirect);
        row("warm request through the CRN", warmCrn);
        row("warm request, the module run directly (instantiate, run)", warmDirect);
        row("bare HTTP exchange (Jetty answering ok, same client)", bareHttp);
        System.out.printf("wasm cold start overhead p50: %.2f ms; warm overhead p50: %.2f ms beyond the module's run, "
                        + "%.2f ms beyond its run and the bare HTTP exchange%n",
                percentile(coldCrn, 50) - percentile(coldDirect, 50),
                percentile(warmCrn, 50) - percentile(warmDirect, 50),
                percentile(warmCrn, 50) - percentile(warmDirect, 50) - percentile(bareHttp, 50));
    }

    /**
     * The bare HTTP exchange: the supervisor's server library (Jetty) answering "ok" from a handler, asked by the same
     * client. A CRN is one HTTP hop in front of a program: what a request through it costs beyond the program and
     * this one exchange is the CRN's own.
     */
    private static org.eclipse.jetty.server.Server bareServer() throws Exception {
        org.eclipse.jetty.server.Server bare = new org.eclipse.jetty.server.Server(
                new java.net.InetSocketAddress("127.0.0.1", 0));
        bare.setHandler(new org.eclipse.jetty.server.Handler.Abstract() {
            @Override
            public boolean handle(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                  org.eclipse.jetty.util.Callback callback) {
                response.setStatus(200);
                response.write(true, java.nio.ByteBuffer.wrap("ok".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        bare.start();
        return bare;
    }

    private static final String OK_WAT = """
            (module
              (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
              (memory (export "memory") 1)
              (data (i32.const 0) "Content-Type: text/plain\\n\\nok")
              (func (export "_start")
                (i32.store (i32.const 100) (i32.const 0))
                (i32.store (i32.const 104) (i32.const 28))
                (drop (call $fd_write (i32.const 1) (i32.const 100) (i32.const 1) (i32.const 108)))))
            """;

    /** The module run as vm-wasm runs it for a request, without the CRN or HTTP: the baseline. */
    private static final class DirectWasm {
        static void answer(com.dylibso.chicory.wasm.WasmModule module) {
            java.io.ByteArrayOutputStream stdout = new java.io.ByteArrayOutputStream();
            try (com.dylibso.chicory.wasi.WasiPreview1 wasi = com.dylibso.chicory.wasi.WasiPreview1.builder()
                    .withOptions(com.dylibso.chicory.wasi.WasiOptions.builder().withStdout(stdout).build()).build()) {
                com.dylibso.chicory.runtime.Instance instance = com.dylibso.chicory.runtime.Instance.builder(module)
                        .withImportValues(com.dylibso.chicory.runtime.ImportValues.builder()
                                .addFunction(wasi.toHostFunctions()).build())
                        .withStart(false).build();
                instance.export("_start").apply();
            }
            if (!stdout.toString(StandardCharsets.UTF_8).endsWith("ok")) {
                throw new IllegalStateException("the module answered " + stdout);
            }
        }
    }

    /** The script started directly on a free port, timed until its first answer, then stopped. */
    private static double directColdStart(HttpClient client, Path script) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(script.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        long started = System.nanoTime();
        Process process = builder.start();
        try {
            awaitAnswer(client, URI.create("http://127.0.0.1:" + port + "/"));
            return (System.nanoTime() - started) / 1e6;
        } finally {
            process.destroy();
            process.waitFor();
        }
    }

    private static void awaitAnswer(HttpClient client, URI uri) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            try {
                expectOk(client, uri);
                return;
            } catch (java.io.IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static void expectOk(HttpClient client, URI uri) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().equals("ok")) {
            throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** One STORE of the code, and {@code count} PROGRAMs on it (distinct by their time). */
    private static List<String> publish(EmbeddedNode node, HttpClient client, int count) throws Exception {
        return publish(node, client, count, java.util.Map.of("program.sh", PROGRAM.getBytes(StandardCharsets.UTF_8),
                "response.http", RESPONSE.getBytes(StandardCharsets.UTF_8)), "program.sh", 20261205L);
    }

    /** One STORE of a zip of {@code files}, and {@code count} PROGRAMs on it with that entrypoint. */
    private static List<String> publish(EmbeddedNode node, HttpClient client, int count,
                                        java.util.Map<String, byte[]> files, String entrypoint, long walletSeed)
            throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            for (var file : files.entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        String upload = client.send(HttpRequest.newBuilder(node.uri("/api/v0/storage/add_file"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(zip.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String fileHash = new ObjectMapper().readTree(upload).path("hash").asText();
        EthereumWallet wallet = EthereumWallet.of(BigInteger.valueOf(walletSeed).add(BigInteger.TEN.pow(30)));
        double time = 1_795_000_000.0;
        Message store = wallet.signed(MessageType.STORE, "TEST", time, "{\"address\":\"" + wallet.address()
                + "\",\"item_type\":\"storage\",\"item_hash\":\"" + fileHash + "\",\"time\":" + time + "}");
        submit(node, store);
        List<String> programs = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String program = "{\"address\":\"" + wallet.address() + "\",\"time\":" + (time + i)
                    + ",\"type\":\"vm-function\",\"allow_amend\":false,\"on\":{\"http\":true,\"persistent\":false},"
                    + "\"environment\":{\"reproducible\":false,\"internet\":false,\"aleph_api\":false,"
                    + "\"shared_cache\":false},\"resources\":{\"vcpus\":1,\"memory\":128,\"seconds\":30},"
                    + "\"runtime\":{\"ref\":\"63f07193e6ee9d207b7d1fcf8286f9aee34e6f12f101d2ec77c1229f92964696\","
                    + "\"use_latest\":true,\"comment\":\"SDK default\"},\"volumes\":[],\"code\":{\"encoding\":\"zip\","
                    + "\"entrypoint\":\"" + entrypoint + "\",\"ref\":\"" + store.itemHash().value() + "\",\"use_latest\":false}}";
            Message message = wallet.signed(MessageType.PROGRAM, "TEST", time + i, program);
            submit(node, message);
            programs.add(message.itemHash().value());
        }
        return programs;
    }

    private static void submit(EmbeddedNode node, Message message) throws Exception {
        long index = node.node().messageIntake().submit(message, Origin.API).inboxIndex();
        if (!node.node().awaitApplied(index, Duration.ofSeconds(30))) {
            throw new IllegalStateException(message.type() + " was not processed");
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    /**
     * Warm rounds: each round times every action once, one after the other, so that they share the machine's
     * moments alike; the first 20 rounds warm up and are not kept. The i-th action's times go to the i-th list.
     */
    private static void warmRounds(int rounds, List<List<Double>> times, Action... actions) throws Exception {
        for (int i = 0; i < rounds * 4 + 20; i++) {
            for (int a = 0; a < actions.length; a++) {
                double millis = timed(actions[a]);
                if (i >= 20) {
                    times.get(a).add(millis);
                }
            }
        }
    }

    private static double timed(Action action) throws Exception {
        long started = System.nanoTime();
        action.run();
        return (System.nanoTime() - started) / 1e6;
    }

    private static void row(String figure, List<Double> samples) {
        System.out.printf("| %s | %.2f | %.2f |%n", figure, percentile(samples, 50), percentile(samples, 99));
    }

    private static double percentile(List<Double> samples, int percentile) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
