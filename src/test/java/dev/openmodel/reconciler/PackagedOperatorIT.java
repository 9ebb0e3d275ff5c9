package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The artifact we ship: the packaged Quarkus operator (target/quarkus-app/quarkus-run.jar), as
 * `make run` starts it, reconciles on the local cluster and serves health and metrics.
 */
class PackagedOperatorIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static Process operator;
    static int port;
    static Path log;

    @BeforeAll
    static void startPackagedOperator() throws IOException {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar");
        assertThat(jar).as("packaged by `mvn package` before integration tests").exists();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        log = Files.createTempFile("packaged-operator", ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.operator-sdk.controllers.openmodel.namespaces=" + cluster.namespace(),
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KUBECONFIG", LocalCluster.kubeconfig().toString());
        operator = builder.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        operator.destroy();
        if (!operator.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            operator.destroyForcibly();
            operator.waitFor();
            throw new AssertionError("the packaged operator did not stop within 30 s of SIGTERM");
        }
    }

    @Test
    void reconcilesAModelAndServesHealthAndMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).as(Files.readString(log)).isEqualTo(200));

        LocalCluster.Result applied = cluster.kubectl(OpenModelIT.manifest("packaged", "count: 1"), "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        Models models = new Models(LocalCluster.client(), cluster.namespace());
        await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("packaged"));

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("operator_sdk").contains("openmodel");
        assertThat(metrics).containsPattern("openmodel_models\\{[^}]*reason=\"Ready\"[^}]*\\} 1\\.0")
                .containsPattern("openmodel_models_license\\{[^}]*category=\"permissive\"[^}]*\\} 1\\.0")
                .containsPattern("openmodel_models_policy\\{[^}]*compliant=\"true\"[^}]*\\} 1\\.0")
                .containsPattern("openmodel_reconciles_total(\\{[^}]*\\})? [1-9]");
        // Series per controller, never per model: no metric carries the model's name.
        assertThat(metrics.lines().filter(l -> l.startsWith("operator_sdk")).toList()).isNotEmpty()
                .noneMatch(l -> l.contains("\"packaged\""));
        // The Grafana dashboard asks only for series the operator exports (a failure counter appears at the first failure).
        java.util.Set<String> exported = metrics.lines().filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.replaceAll("[{ ].*", "")).collect(java.util.stream.Collectors.toSet());
        String dashboard = Files.readString(Path.of("deploy/grafana/openmodel-dashboard.json"));
        java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\b(openmodel_[a-z_]+|operator_sdk_[a-z_]+|jvm_[a-z_]+|process_[a-z_]+)\\b")
                .matcher(dashboard);
        java.util.Set<String> asked = new java.util.TreeSet<>();
        while (names.find()) {
            asked.add(names.group(1));
        }
        asked.remove("operator_sdk_reconciliations_failed_total");
        assertThat(asked).hasSizeGreaterThan(8);
        assertThat(exported).containsAll(asked);
        assertThat(Files.readString(log)).doesNotContain("Exception");
    }
}
