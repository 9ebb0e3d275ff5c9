package dev.openmodel.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CNCF distribution registry, built from its Go module by hack/build-registry.sh and started
 * on 127.0.0.1 with storage in a temporary directory. Stopped on close.
 */
public final class LocalRegistry implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path root;

    private LocalRegistry(Process process, int port, Path root) {
        this.process = process;
        this.port = port;
        this.root = root;
    }

    public static LocalRegistry start() throws IOException, InterruptedException {
        Process build = new ProcessBuilder("hack/build-registry.sh").redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String binary = new String(build.getInputStream().readAllBytes()).strip();
        binary = binary.substring(binary.lastIndexOf('\n') + 1);
        if (build.waitFor() != 0) {
            throw new IllegalStateException("hack/build-registry.sh failed");
        }
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path root = Files.createTempDirectory("registry");
        Path config = root.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log: {level: warn}
                storage:
                  filesystem: {rootdirectory: %s}
                  delete: {enabled: true}
                http:
                  addr: 127.0.0.1:%d
                """.formatted(root.resolve("data"), port));
        Process p = new ProcessBuilder(binary, "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(root.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(p, port, root);
        HttpClient http = HttpClient.newHttpClient();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException("the registry exited; see " + root.resolve("registry.log"));
                }
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false; // not listening yet
                }
            });
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
