package dev.openmodel.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The operator we ship (target/quarkus-app/quarkus-run.jar, what {@code make run} starts) launched
 * as a process on the local cluster: the prod profile, the test JVM's java, the cluster's
 * kubeconfig, one namespace to watch, its Lease in that namespace (so no two tests' operators
 * meet), a free HTTP port, and its output in a file under target/.
 *
 * <p>A start that fails says why: {@link #awaitReady} stops waiting as soon as the process exits
 * and puts its exit code and its whole log in the failure. (Quarkus's {@code @QuarkusIntegrationTest}
 * launcher, used here before, failed once in CI with only "Unable to determine the status of the
 * running process", its reason printed far above the end of the build's output.)
 */
public final class PackagedOperator implements AutoCloseable {
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    private final Process process;
    private final Path log;
    private final int port;
    private final String identity;

    private PackagedOperator(Process process, Path log, int port, String identity) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.identity = identity;
    }

    /**
     * Launches the packaged operator watching {@code namespace} with the Lease holder identity
     * {@code identity} (its HOSTNAME, as a pod's name is), extra system properties after.
     */
    public static PackagedOperator start(String namespace, String identity, String... systemProperties) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Files.createDirectories(Path.of("target"));
            Path log = Path.of("target", "packaged-operator-" + namespace + "-" + identity + ".log").toAbsolutePath();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.operator-sdk.controllers.openmodel.namespaces=" + namespace,
                    "-Dopenmodel.leader-election.namespace=" + namespace));
            for (String property : systemProperties) {
                command.add("-D" + property);
            }
            command.addAll(List.of("-jar", JAR.toAbsolutePath().toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("KUBECONFIG", LocalCluster.kubeconfig().toString());
            builder.environment().put("HOSTNAME", identity);
            return new PackagedOperator(builder.start(), log, port, identity);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** http://localhost:port/ of this operator. */
    public URI root() {
        return URI.create("http://localhost:" + port + "/");
    }

    public Process process() {
        return process;
    }

    public String identity() {
        return identity;
    }

    /** All the operator has written so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until /q/health/ready answers 200. Fails at once, with the exit code and the log, if
     * the process ends first; after {@code atMost}, with the log.
     */
    public PackagedOperator awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(root().resolve("q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    return true;
                }
                try {
                    return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the packaged operator " + identity + " was not ready within " + atMost + "; its log:\n" + log(), e);
        }
        if (!process.isAlive()) {
            throw new AssertionError("the packaged operator " + identity + " exited with " + process.exitValue() + " before it was ready; its log:\n" + log());
        }
        return this;
    }

    /** SIGTERM, as Kubernetes stops a pod; fails if it has not stopped within 30 s (then killed). */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new AssertionError("the packaged operator " + identity + " did not stop within 30 s of SIGTERM; its log:\n" + log());
        }
    }
}
