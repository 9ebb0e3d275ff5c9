package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.Labels;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.TestOperator;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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
        Map<String, String> before;
        try (TestOperator operator = TestOperator.startWithResync(client, cluster.namespace(), Duration.ofMillis(500))) {
            LocalCluster.Result applied = cluster.kubectl(OpenModelIT.manifest("steady", "count: 1"), "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.output()).isZero();
            await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("steady"));

            before = versions("steady");
            assertThat(before).as("the model, its Deployment and its Service").hasSize(3);
            int start = operator.reconciles();
            await().atMost(Duration.ofSeconds(60)).until(() -> operator.reconciles() >= start + 6);
            assertThat(versions("steady")).as("resourceVersions after 6 resyncs of an unchanged world").isEqualTo(before);
        }

        try (TestOperator restarted = TestOperator.startWithResync(client, cluster.namespace(), Duration.ofMillis(500))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> restarted.reconciles() >= 6);
            assertThat(versions("steady")).as("resourceVersions after a restart and 6 resyncs").isEqualTo(before);
            assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
            assertThat(client.services().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
            assertThat(client.apps().replicaSets().inNamespace(cluster.namespace()).withLabel(Labels.MODEL, "steady").list().getItems()).hasSize(1);
        }
    }

    /**
     * The Deployment and Pod informers list in pages of {@link TrimmedStore#LIST_PAGE}: a restart
     * with more models than a page must find every model's Deployment and pod in its caches, or it
     * would report the missing ones as not yet placed and write that. The models ask for more GPUs
     * than any node has, so that their pods stay Pending for a reason that does not change (the
     * scheduler's) and hold no GPUs other tests need.
     */
    @Test
    void aRestartWithMoreModelsThanAListPageSeesAllOfThemAndWritesNothing() {
        int n = (int) TrimmedStore.LIST_PAGE + 10;
        String manifests = IntStream.range(0, n).mapToObj(i -> OpenModelIT.manifest("paged-" + i, "count: 9")).collect(Collectors.joining("---\n"));
        Map<String, String> before;
        try (TestOperator operator = TestOperator.start(client, cluster.namespace())) {
            LocalCluster.Result applied = cluster.kubectl(manifests, "apply", "-f", "-");
            assertThat(applied.exitCode()).as(applied.output()).isZero();
            await().atMost(Duration.ofMinutes(3)).until(() -> client.resources(OpenModel.class).inNamespace(cluster.namespace()).list().getItems().stream()
                    .filter(m -> m.getMetadata().getName().startsWith("paged-"))
                    .filter(m -> Models.condition(m, Conditions.SCHEDULED).map(c -> "Unschedulable".equals(c.getReason())).orElse(false))
                    .count() == n);
            awaitSettled(operator, "paged-");
            before = versions("paged-");
            assertThat(before).as("the models, their Deployments and Services").hasSize(3 * n);
        }
        int models = client.resources(OpenModel.class).inNamespace(cluster.namespace()).list().getItems().size();
        try (TestOperator restarted = TestOperator.start(client, cluster.namespace())) {
            await().atMost(Duration.ofMinutes(1)).until(() -> restarted.reconciles() >= models);
            awaitSettled(restarted, "paged-");
            assertThat(versions("paged-")).as("resourceVersions of %d models, their Deployments and Services after a restart", n).isEqualTo(before);
        } finally {
            IntStream.range(0, n).forEach(i -> client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("paged-" + i).delete());
        }
    }

    /** Until a second passes with no reconcile finishing and none of the objects named so (by prefix) changing. */
    private void awaitSettled(TestOperator operator, String prefix) {
        Object[] last = {null};
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<Object> now = List.of(operator.reconciles(), versions(prefix));
            boolean same = now.equals(last[0]);
            last[0] = now;
            return same;
        });
    }

    /** kind/name -> resourceVersion of the models named so (by prefix) and of their Deployments and Services. */
    private Map<String, String> versions(String prefix) {
        Map<String, String> out = new TreeMap<>();
        String ns = cluster.namespace();
        List<HasMetadata> all = new ArrayList<>(client.resources(OpenModel.class).inNamespace(ns).list().getItems());
        all.addAll(client.apps().deployments().inNamespace(ns).list().getItems());
        all.addAll(client.services().inNamespace(ns).list().getItems());
        all.stream().filter(o -> o.getMetadata().getName().startsWith(prefix))
                .forEach(o -> out.put(o.getKind() + "/" + o.getMetadata().getName(), o.getMetadata().getResourceVersion()));
        return out;
    }
}
