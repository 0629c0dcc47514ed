package io.aleph4j.plugins.vm.wasm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.vm.RunningVm;
import io.aleph4j.api.vm.VmException;
import io.aleph4j.api.vm.VmHeader;
import io.aleph4j.api.vm.VmInterface;
import io.aleph4j.api.vm.VmRequest;
import io.aleph4j.api.vm.VmResponse;
import io.aleph4j.api.vm.VmSpec;
import io.aleph4j.testkit.Wat;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real modules (WAT compiled by Debian's wat2wasm as the test runs) on the real runtime, without a node. */
class WasmRuntimeIT {

    private static final WasmConfig CONFIG = new WasmConfig(1024 * 1024, 1024 * 1024);

    @TempDir
    Path dir;
    private final WasmRuntime runtime = new WasmRuntime(CONFIG);

    @Test
    void aModuleGetsTheRequestInItsEnvironmentAndOnStdinAndAnswersOnStdout() throws Exception {
        try (RunningVm vm = start("echo", 64, Map.of("GREETING", "hello"))) {
            VmResponse response = vm.send(new VmRequest("POST", "/some/path?x=1&y=2",
                    List.of(new VmHeader("X-Test", "one"), new VmHeader("X-Test", "two"),
                            new VmHeader("Content-Type", "text/plain"), new VmHeader("Content-Length", "8")),
                    body("the body")), Duration.ofSeconds(10));

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).contains(new VmHeader("X-Program", "wasm"),
                    new VmHeader("Content-Type", "text/plain"));
            String[] parts = read(response.body()).split("--\n", 2);
            assertThat(parts[0].lines()).contains("REQUEST_METHOD=POST", "PATH_INFO=/some/path",
                    "QUERY_STRING=x=1&y=2", "CONTENT_LENGTH=8", "CONTENT_TYPE=text/plain",
                    "HTTP_X_TEST=one, two", "GREETING=hello", "ALEPH_ITEM_HASH=" + "ab".repeat(32));
            assertThat(parts[1]).isEqualTo("the body");
        }
    }

    @Test
    void aStatusHeaderSetsTheResponsesStatus() throws Exception {
        try (RunningVm vm = start("teapot", 64, Map.of())) {
            VmResponse response = vm.send(get("/"), Duration.ofSeconds(10));

            assertThat(response.status()).isEqualTo(418);
            assertThat(read(response.body())).isEqualTo("teapot");
        }
    }

    @Test
    void aModuleThatLoopsIsStoppedAtItsTimeLimitAndTheNextRequestIsServed() throws Exception {
        try (RunningVm vm = start("spin", 64, Map.of())) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> vm.send(get("/"), Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(VmException.class,
                            e -> assertThat(e.kind()).isEqualTo(VmException.Kind.TIMEOUT));
            // The looping instance was interrupted: the module's only thread (vcpus 1) is free for the next one.
            assertThatThrownBy(() -> vm.send(get("/"), Duration.ofMillis(500)))
                    .isInstanceOfSatisfying(VmException.class,
                            e -> assertThat(e.kind()).isEqualTo(VmException.Kind.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void memoryPastResourcesMemoryIsRefusedToTheModuleAndGrantedUnderAHigherLimit() throws Exception {
        try (RunningVm small = start("hog", 32, Map.of()); RunningVm large = start("hog", 128, Map.of())) {
            assertThat(read(small.send(get("/"), Duration.ofSeconds(10)).body())).isEqualTo("refused");
            assertThat(read(large.send(get("/"), Duration.ofSeconds(10)).body())).isEqualTo("granted");
        }
    }

    @Test
    void aModuleThatExitsWithAnErrorGetsNoResponseNamingItsExitCode() throws Exception {
        try (RunningVm vm = start("fail", 64, Map.of())) {
            assertThatThrownBy(() -> vm.send(get("/"), Duration.ofSeconds(10)))
                    .isInstanceOfSatisfying(VmException.class, e -> {
                        assertThat(e.kind()).isEqualTo(VmException.Kind.NO_RESPONSE);
                        assertThat(e.getMessage()).contains("exited with code 3");
                    });
        }
    }

    @Test
    void aBodyLargerThanTheBoundGets413AndTheModuleIsNotRun() throws Exception {
        try (RunningVm vm = start("echo", 64, Map.of())) {
            VmResponse response = vm.send(new VmRequest("POST", "/", List.of(),
                    new ByteArrayInputStream(new byte[1024 * 1024 + 1])), Duration.ofSeconds(10));

            assertThat(response.status()).isEqualTo(413);
            assertThat(read(response.body())).contains("max-body-mib");
        }
    }

    @Test
    void onlyWasiProgramsAreTakenAndAFileThatIsNotAModuleFailsItsStartClearly() throws Exception {
        assertThat(runtime.refusal(spec("main.wasm", 64, Map.of(), "debian-12-python3"))).get().asString()
                .contains("WASI modules");
        Files.writeString(dir.resolve("main.wasm"), "#!/bin/sh\necho not wasm\n");

        assertThatThrownBy(() -> runtime.start(spec("main.wasm", 64, Map.of(), WasmRuntime.WASI)))
                .isInstanceOfSatisfying(VmException.class, e -> {
                    assertThat(e.kind()).isEqualTo(VmException.Kind.START_FAILED);
                    assertThat(e.getMessage()).contains("not a WebAssembly module");
                });
    }

    private RunningVm start(String program, int memoryMib, Map<String, String> variables) throws Exception {
        Files.write(dir.resolve(program + ".wasm"), Wat.compileResource(WasmRuntimeIT.class, "/wat/" + program
                + ".wat"));
        VmSpec spec = spec(program + ".wasm", memoryMib, variables, WasmRuntime.WASI);
        assertThat(runtime.refusal(spec)).isEmpty();
        return runtime.start(spec);
    }

    private VmSpec spec(String entrypoint, int memoryMib, Map<String, String> variables, String runtimeName) {
        return new VmSpec("ab".repeat(32), dir, entrypoint, VmInterface.BINARY, List.of(), variables, 1, memoryMib,
                false, List.of(), runtimeName, dir.resolve("work"), dir.resolve("logs/program.log"));
    }

    private static VmRequest get(String path) {
        return new VmRequest("GET", path, List.of(), InputStream.nullInputStream());
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String read(InputStream body) throws Exception {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
