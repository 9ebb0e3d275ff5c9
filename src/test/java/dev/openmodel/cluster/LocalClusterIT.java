package dev.openmodel.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.testing.LocalCluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local control plane behaves like a cluster with GPU node pools. */
class LocalClusterIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    private final KubernetesClient client = LocalCluster.client();

    @Test
    void gpuDeploymentBecomesAvailableOnAGpuNode() {
        client.resource(gpuDeployment("one-gpu", 1)).create();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Deployment d = client.apps().deployments().inNamespace(cluster.namespace()).withName("one-gpu").get();
            assertThat(d.getStatus().getConditions()).anyMatch(c -> c.getType().equals("Available") && c.getStatus().equals("True"));
            assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
        });
        Pod pod = pods("one-gpu").get(0);
        String node = pod.getSpec().getNodeName();
        assertThat(client.nodes().withName(node).get().getMetadata().getLabels()).containsKey("nvidia.com/gpu.product");
    }

    @Test
    void nineGpusStayPendingWithInsufficientGpu() {
        client.resource(gpuDeployment("nine-gpus", 9)).create();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Pod> pods = pods("nine-gpus");
            assertThat(pods).hasSize(1);
            assertThat(pods.get(0).getStatus().getConditions()).isNotNull();
            Optional<PodCondition> scheduled = pods.get(0).getStatus().getConditions().stream()
                    .filter(c -> c.getType().equals("PodScheduled")).findFirst();
            assertThat(scheduled).hasValueSatisfying(c -> {
                assertThat(c.getStatus()).isEqualTo("False");
                assertThat(c.getReason()).isEqualTo("Unschedulable");
                assertThat(c.getMessage()).contains("Insufficient nvidia.com/gpu");
            });
        });
        assertThat(pods("nine-gpus").get(0).getStatus().getPhase()).isEqualTo("Pending");
    }

    @Test
    void gpuPodsStayOffTheCpuNodeAndCpuPodsOffTaintedGpuNodes() {
        Deployment plain = gpuDeployment("no-gpu", 0);
        plain.getSpec().getTemplate().getSpec().setTolerations(List.of());
        client.resource(plain).create();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(pods("no-gpu")).singleElement().satisfies(p -> assertThat(p.getSpec().getNodeName()).isEqualTo("cpu-0")));
    }

    @Test
    void structuralSchemaRejectsAnInvalidObjectOnKubectlApply() {
        LocalCluster.Result crd = cluster.kubectl("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.clustertest.openmodel.dev}
                spec:
                  group: clustertest.openmodel.dev
                  names: {kind: Widget, plural: widgets, singular: widget}
                  scope: Namespaced
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema:
                      openAPIV3Schema:
                        type: object
                        properties:
                          spec:
                            type: object
                            required: [size]
                            properties:
                              size: {type: integer, minimum: 1}
                """, "apply", "-f", "-");
        assertThat(crd.exitCode()).as(crd.output()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.kubectl(null, "get", "widgets").exitCode() == 0);

        LocalCluster.Result bad = cluster.kubectl("""
                apiVersion: clustertest.openmodel.dev/v1
                kind: Widget
                metadata: {name: bad}
                spec: {size: 0}
                """, "apply", "-f", "-");

        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.output()).contains("spec.size").contains("should be greater than or equal to 1");
        assertThat(cluster.kubectl(null, "get", "widgets", "-o", "name").output()).doesNotContain("bad");
    }

    private List<Pod> pods(String app) {
        return client.pods().inNamespace(cluster.namespace()).withLabel("app", app).list().getItems();
    }

    private Deployment gpuDeployment(String name, int gpus) {
        Map<String, Quantity> limits = gpus > 0 ? Map.of("nvidia.com/gpu", new Quantity(Integer.toString(gpus))) : Map.of();
        return new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(cluster.namespace()).endMetadata()
                .withNewSpec().withReplicas(1)
                .withNewSelector().withMatchLabels(Map.of("app", name)).endSelector()
                .withNewTemplate()
                .withNewMetadata().withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec()
                .addNewToleration().withKey("nvidia.com/gpu").withOperator("Exists").withEffect("NoSchedule").endToleration()
                .addNewContainer().withName("main").withImage("registry.example/none:1")
                .withNewResources().withLimits(limits).withRequests(Map.of("cpu", new Quantity("100m"))).endResources()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();
    }
}
