package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.PackagedOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The artifact we ship: the packaged Quarkus operator (target/quarkus-app/quarkus-run.jar), launched
 * in the prod profile as `make run` starts it, reconciles on the local cluster and serves health and
 * metrics.
 */
class PackagedOperatorIT {
    @RegisterExtension
    static final LocalCluster cluster = new LocalCluster();
    static PackagedOperator operator;

    @AfterAll
    static void stop() throws InterruptedException {
        if (operator != null) {
            operator.close();
        }
    }

    @Test
    void reconcilesAModelAndServesHealthAndMetrics() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String namespace = cluster.namespace();
        operator = PackagedOperator.start(namespace, "packaged").awaitReady(Duration.ofSeconds(120));
        URI root = operator.root();

        LocalCluster.Result applied = cluster.kubectl(OpenModelIT.manifest("packaged", "count: 1"), "--namespace=" + namespace, "apply", "-f", "-");
        assertThat(applied.exitCode()).as(applied.output()).isZero();
        Models models = new Models(LocalCluster.client(), namespace);
        await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("packaged"));

        // The operator's cache may see the status a moment after this client does, and the counts are
        // taken at most once a second (ModelMetrics.Snapshot).
        String[] scraped = {null};
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String body = http.send(HttpRequest.newBuilder(URI.create(root + "q/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(body).contains("operator_sdk").contains("openmodel");
            assertThat(body).containsPattern("openmodel_models\\{[^}]*reason=\"Ready\"[^}]*\\} 1\\.0")
                    .containsPattern("openmodel_models_license\\{[^}]*category=\"permissive\"[^}]*\\} 1\\.0")
                    .containsPattern("openmodel_models_policy\\{[^}]*compliant=\"true\"[^}]*\\} 1\\.0")
                    .containsPattern("openmodel_reconciles_total(\\{[^}]*\\})? [1-9]");
            scraped[0] = body;
        });
        String metrics = scraped[0];
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
        assertThat(operator.log()).doesNotContain("Exception")
                // the API server's TLS ran on the native provider (NativeCrypto) on this Linux x86_64 machine
                .contains("TLS crypto: AmazonCorrettoCryptoProvider");
    }
}
