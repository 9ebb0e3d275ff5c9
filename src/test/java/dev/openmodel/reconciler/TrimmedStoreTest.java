package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrimmedStoreTest {
    static final String FIELDS = """
            {"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:template":{"f:spec":{"f:containers":{"k:{\\"name\\":\\"server\\"}":{".":{},"f:image":{}}}}}}}
            """;

    static ManagedFieldsEntry entry(String manager, String operation, String subresource) {
        ManagedFieldsEntry e = new ManagedFieldsEntryBuilder().withManager(manager).withOperation(operation).withSubresource(subresource).build();
        e.setFieldsV1(Serialization.unmarshal(FIELDS, io.fabric8.kubernetes.api.model.FieldsV1.class));
        return e;
    }

    @Test
    void appliedObjectsKeepOnlyTheOperatorsOwnApplyEntryWithTheSameFields() {
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("m").withNamespace("ns")
                .withManagedFields(entry(OpenModelReconciler.FIELD_MANAGER, "Apply", null), entry("kube-controller-manager", "Update", "status"),
                        entry(OpenModelReconciler.FIELD_MANAGER, "Apply", "status"), entry("kubectl", "Apply", null))
                .endMetadata().build();
        Map<String, Object> before = Map.copyOf(d.getMetadata().getManagedFields().get(0).getFieldsV1().getAdditionalProperties());
        new TrimmedStore.OwnApplyOnly<Deployment>().put("ns/m", d);
        assertThat(d.getMetadata().getManagedFields()).singleElement().satisfies(e -> {
            assertThat(e.getManager()).isEqualTo(OpenModelReconciler.FIELD_MANAGER);
            assertThat(e.getFieldsV1().getAdditionalProperties()).isEqualTo(before);
        });
    }

    @Test
    void compactTreesShareTheEmptyLeafAndInternTheirKeys() {
        Map<String, Object> a = TrimmedStore.compact(entry("x", "Apply", null).getFieldsV1().getAdditionalProperties());
        Map<String, Object> b = TrimmedStore.compact(entry("x", "Apply", null).getFieldsV1().getAdditionalProperties());
        @SuppressWarnings("unchecked")
        Map<String, Object> specA = (Map<String, Object>) a.get("f:spec");
        @SuppressWarnings("unchecked")
        Map<String, Object> specB = (Map<String, Object>) b.get("f:spec");
        assertThat(specA.get("f:replicas")).isSameAs(specB.get("f:replicas")).isEqualTo(Map.of());
        String keyA = specA.keySet().stream().filter("f:replicas"::equals).findFirst().orElseThrow();
        String keyB = specB.keySet().stream().filter("f:replicas"::equals).findFirst().orElseThrow();
        assertThat(keyA).isSameAs(keyB);
    }

    @Test
    void podsKeepTheirStatusLabelsAndNodeOnly() {
        Pod pod = new PodBuilder().withNewMetadata().withName("m-1").withNamespace("ns").addToLabels("openmodel.dev/model", "m")
                .addToAnnotations("a", "b").withManagedFields(entry("kube-controller-manager", "Update", null)).endMetadata()
                .withNewSpec().withNodeName("gpu-0").addNewContainer().withName("server").withImage("vllm").endContainer().endSpec()
                .withNewStatus().withPhase("Running").endStatus().build();
        new TrimmedStore.Pods().put("ns/m-1", pod);
        assertThat(pod.getMetadata().getManagedFields()).isNull();
        assertThat(pod.getMetadata().getAnnotations()).isNotNull().isEmpty();
        assertThat(pod.getMetadata().getLabels()).containsEntry("openmodel.dev/model", "m");
        assertThat(pod.getSpec().getNodeName()).isEqualTo("gpu-0");
        assertThat(pod.getSpec().getContainers()).isEmpty();
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
    }
}
