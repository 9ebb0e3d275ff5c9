package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The GPU-memory fit check against the local cluster's fake H100 and L4 nodes. */
class GpuFitIT {
    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();

    @Test
    void aSeventyBillionParameterModelIsRefusedOnOneL4WithTheNumbersAndServedOnTwoH100s() {
        apply("llama-70b-on-l4", "{parameters: 70B, precision: bf16}", "{product: NVIDIA-L4, count: 1}");
        OpenModel refused = operator.models().awaitCondition("llama-70b-on-l4", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(refused, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage())
                .contains("resources.fit: needs ~144 GiB of GPU memory per replica (70B parameters × 2 bytes (bf16) = 130 GiB of weights")
                .containsPattern("the largest offer is 21 GiB \\(1 × NVIDIA-L4 on gpu-l4-[01]\\)");
        assertThat(client.apps().deployments().inNamespace(cluster.namespace()).withName("llama-70b-on-l4").get()).isNull();

        apply("llama-70b-on-h100", "{parameters: 70B, precision: bf16}", "{product: NVIDIA-H100-80GB-HBM3, count: 2}");
        operator.models().awaitCondition("llama-70b-on-h100", Conditions.READY, "True");
    }

    @Test
    void aModelThatFitsOnlyTheLargerGpusIsSteeredToThem() {
        apply("thirteen-b", "{parameters: 13B, precision: bf16}", "{count: 1}");
        operator.models().awaitCondition("thirteen-b", Conditions.READY, "True");
        var terms = client.apps().deployments().inNamespace(cluster.namespace()).withName("thirteen-b").get().getSpec().getTemplate().getSpec()
                .getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms.get(0).getMatchExpressions()).anySatisfy(r -> {
            assertThat(r.getKey()).isEqualTo("nvidia.com/gpu.memory");
            assertThat(r.getOperator()).isEqualTo("Gt");
        });
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<Pod> pods = client.pods().inNamespace(cluster.namespace()).withLabel("openmodel.dev/model", "thirteen-b").list().getItems();
            // On the nodes whose GPUs are large enough (H100, 80 GB), whatever their names (make bench adds more).
            assertThat(pods).isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isNotNull()
                    .satisfies(node -> assertThat(client.nodes().withName(node).get().getMetadata().getLabels())
                            .containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3")));
        });
    }

    /**
     * A node that joins after the operator has started re-checks the models (the operator drops the
     * ADD events only of the nodes it had listed, AddedSinceStart): a model refused because no GPU was
     * large enough is served once a node with larger GPUs joins. Here kwok's first status update of
     * the node follows its ADD, as a kubelet's would, so either event re-checks the model.
     */
    @Test
    void aModelRefusedForGpuMemoryIsServedWhenALargerGpuNodeJoins() {
        apply("llama-70b-one-gpu", "{parameters: 70B, precision: bf16}", "{count: 1}");
        OpenModel refused = operator.models().awaitCondition("llama-70b-one-gpu", Conditions.POLICY_COMPLIANT, "False");
        assertThat(Models.condition(refused, Conditions.POLICY_COMPLIANT).orElseThrow().getMessage()).contains("resources.fit: needs ~144 GiB");

        // An NVIDIA B200 (GPU Feature Discovery's labels; 183,359 MiB each), under a name no earlier run used.
        String name = "gpu-b200-" + Long.toString(System.nanoTime(), 36);
        Node node = new NodeBuilder().withNewMetadata().withName(name).addToAnnotations("kwok.x-k8s.io/node", "fake")
                .addToLabels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux", "kubernetes.io/arch", "amd64", "type", "kwok",
                        "nvidia.com/gpu.present", "true", "nvidia.com/gpu.product", "NVIDIA-B200", "nvidia.com/gpu.memory", "183359",
                        "nvidia.com/gpu.count", "8"))
                .endMetadata()
                .withNewSpec().addNewTaint().withKey("nvidia.com/gpu").withValue("present").withEffect("NoSchedule").endTaint().endSpec()
                .withNewStatus()
                .withAllocatable(Map.of("cpu", new Quantity("192"), "memory", new Quantity("2048Gi"), "pods", new Quantity("110"), "nvidia.com/gpu", new Quantity("8")))
                .withCapacity(Map.of("cpu", new Quantity("192"), "memory", new Quantity("2048Gi"), "pods", new Quantity("110"), "nvidia.com/gpu", new Quantity("8")))
                .endStatus().build();
        try {
            // Created, its status (a subresource) not yet set: the gate reads the GPU labels.
            client.resource(node).create();
            operator.models().awaitCondition("llama-70b-one-gpu", Conditions.POLICY_COMPLIANT, "True");
            // Its GPUs allocatable, as a merge patch (no resourceVersion: kwok updates the node's status too).
            client.resource(node).patchStatus();
            operator.models().awaitCondition("llama-70b-one-gpu", Conditions.READY, "True");
            assertThat(client.pods().inNamespace(cluster.namespace()).withLabel("openmodel.dev/model", "llama-70b-one-gpu").list().getItems())
                    .isNotEmpty().allSatisfy(p -> assertThat(p.getSpec().getNodeName()).isEqualTo(name));
        } finally {
            client.resources(OpenModel.class).inNamespace(cluster.namespace()).withName("llama-70b-one-gpu").delete();
            client.nodes().withName(name).delete();
        }
    }

    private void apply(String name, String modelFields, String accelerator) {
        String fields = modelFields.substring(1, modelFields.length() - 1);
        LocalCluster.Result r = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: %s}
                spec:
                  model: {uri: hf://meta-llama/example, %s}
                  license: {id: apache-2.0}
                  resources: {accelerator: %s}
                """.formatted(name, fields, accelerator), "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
