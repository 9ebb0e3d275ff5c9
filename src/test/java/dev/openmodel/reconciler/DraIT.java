package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.api.v1alpha1.OpenModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.OperatorUnderTest;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accelerators through Dynamic Resource Allocation: the real scheduler allocates the claims against ResourceSlices a driver would publish. */
class DraIT {
    static final String DRIVER = "src/test/resources/dra/fake-gpu-driver.yaml";

    @RegisterExtension
    static OperatorUnderTest operator = new OperatorUnderTest();
    static LocalCluster cluster = operator.cluster();

    static KubernetesClient client = LocalCluster.client();

    @BeforeAll
    static void start() {
        assertThat(cluster.kubectl(null, "apply", "-f", DRIVER).exitCode()).isZero();
    }

    @AfterAll
    static void stop() {
        cluster.kubectl(null, "delete", "--wait=false", "--ignore-not-found", "-f", DRIVER);
    }

    @Test
    void aModelUsingADeviceClassGetsItsClaimAllocatedByTheSchedulerAndBecomesReady() {
        apply("dra-model", "{deviceClassName: gpu.example.com, count: 2}");
        operator.models().awaitCondition("dra-model", Conditions.READY, "True");

        GenericKubernetesResource template = client.genericKubernetesResources("resource.k8s.io/v1", "ResourceClaimTemplate")
                .inNamespace(cluster.namespace()).withName("dra-model-accelerators").get();
        assertThat(template).isNotNull();
        var pod = client.pods().inNamespace(cluster.namespace()).withLabel("openmodel.dev/model", "dra-model").list().getItems().get(0);
        assertThat(pod.getSpec().getResourceClaims()).singleElement().satisfies(c -> assertThat(c.getResourceClaimTemplateName())
                .isEqualTo("dra-model-accelerators"));
        assertThat(pod.getSpec().getContainers().get(0).getResources().getLimits()).as("no extended resource").isNullOrEmpty();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<GenericKubernetesResource> claims = client.genericKubernetesResources("resource.k8s.io/v1", "ResourceClaim")
                    .inNamespace(cluster.namespace()).list().getItems();
            assertThat(claims).anySatisfy(c -> {
                @SuppressWarnings("unchecked")
                Map<String, Object> status = (Map<String, Object>) c.getAdditionalProperties().get("status");
                assertThat(status).containsKey("allocation");
            });
        });
    }

    @Test
    void aModelAskingForADeviceNoNodeHasReportsTheSchedulersReason() {
        apply("dra-b200", "{deviceClassName: gpu.example.com, selectors: [\"device.attributes['gpu.example.com'].productName == 'NVIDIA-B200'\"]}");
        OpenModel m = operator.models().awaitCondition("dra-b200", Conditions.SCHEDULED, "False");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var scheduled = Models.condition(operator.models().get("dra-b200"), Conditions.SCHEDULED).orElseThrow();
            assertThat(scheduled.getReason()).isEqualTo("Unschedulable");
            assertThat(scheduled.getMessage()).contains("cannot allocate all claims");
        });
        assertThat(m.getMetadata().getName()).isEqualTo("dra-b200");
    }

    private void apply(String name, String accelerator) {
        LocalCluster.Result r = cluster.kubectl("""
                apiVersion: openmodel.dev/v1alpha1
                kind: OpenModel
                metadata: {name: %s}
                spec:
                  model: {uri: hf://Qwen/Qwen2.5-0.5B-Instruct}
                  license: {id: apache-2.0}
                  resources: {accelerator: %s}
                """.formatted(name, accelerator), "apply", "-f", "-");
        assertThat(r.exitCode()).as(r.output()).isZero();
    }
}
