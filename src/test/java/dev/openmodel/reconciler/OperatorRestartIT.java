package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.Labels;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.TestOperator;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Steady state is write-free, and a restarted operator adopts what exists instead of duplicating it. */
class OperatorRestartIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    private final KubernetesClient client = LocalCluster.client();
    private final Models models = new Models(client, cluster.namespace());

    @Test
    void reconcilingAnUnchangedWorldWritesNothingAndARestartCreatesNoDuplicates() {
        List<String> before;
        try (TestOperator operator = TestOperator.startWithResync(client, cluster.namespace(), Duration.ofMillis(500))) {
            LocalCluster.Result applied = cluster.kubectl(OpenModelIT.manifest("steady", "count: 1"), "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.output()).isZero();
            await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("steady"));

            before = resourceVersions();
            int start = operator.reconciles();
            await().atMost(Duration.ofSeconds(60)).until(() -> operator.reconciles() >= start + 6);
            assertThat(resourceVersions()).as("resourceVersions after 6 resyncs of an unchanged world").isEqualTo(before);
        }

        try (TestOperator restarted = TestOperator.startWithResync(client, cluster.namespace(), Duration.ofMillis(500))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.reconciles() >= 6);
            assertThat(resourceVersions()).as("resourceVersions after a restart and 6 resyncs").isEqualTo(before);
            assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
            assertThat(client.services().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
            assertThat(client.apps().replicaSets().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
        }
    }

    private List<String> resourceVersions() {
        return List.of(
                client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("steady").get().getMetadata().getResourceVersion(),
                client.apps().deployments().inNamespace(cluster.namespace()).withName("steady").get().getMetadata().getResourceVersion(),
                client.services().inNamespace(cluster.namespace()).withName("steady").get().getMetadata().getResourceVersion());
    }
}
