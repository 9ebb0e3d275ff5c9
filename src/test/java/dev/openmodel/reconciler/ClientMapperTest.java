package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** managedFields as an API server writes them, decoded through the operator's client mapper. */
class ClientMapperTest {
    static final String FIELDS = "{\"f:metadata\":{\"f:labels\":{\"f:app\":{}}},\"f:spec\":{\"f:replicas\":{}}}";

    static KubernetesSerialization serialization() {
        ObjectMapper mapper = new ObjectMapper();
        new ClientMapper().customize(mapper);
        return new KubernetesSerialization(mapper, true);
    }

    static String entry(String manager, String operation, String subresource) {
        return "{\"manager\":\"" + manager + "\",\"operation\":\"" + operation + "\",\"apiVersion\":\"apps/v1\",\"time\":\"2026-12-02T09:00:00Z\","
                + "\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + FIELDS + (subresource == null ? "" : ",\"subresource\":\"" + subresource + "\"") + "}";
    }

    @Test
    void propertiesGoThroughGeneratedLambdasInJvmMode() {
        ObjectMapper mapper = new ObjectMapper();
        new ClientMapper().customize(mapper);
        assertThat(mapper.getRegisteredModuleIds()).anySatisfy(id -> assertThat(String.valueOf(id)).contains("Blackbird"));
        // and objects read and written through it are the client's own: the same object, the same JSON
        String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"m\",\"labels\":{\"a\":\"b\"},"
                + "\"managedFields\":[" + entry(OpenModelReconciler.FIELD_MANAGER, "Apply", null) + "]},\"spec\":{\"replicas\":2,"
                + "\"template\":{\"spec\":{\"containers\":[{\"name\":\"server\",\"image\":\"vllm\",\"args\":[\"--port\",\"8000\"],"
                + "\"resources\":{\"limits\":{\"nvidia.com/gpu\":\"1\"}}}]}}},\"status\":{\"readyReplicas\":1}}";
        KubernetesSerialization plain = new KubernetesSerialization();
        Deployment ours = serialization().unmarshal(json, Deployment.class);
        assertThat(ours).isEqualTo(plain.unmarshal(json, Deployment.class));
        assertThat(serialization().asJson(ours)).isEqualTo(plain.asJson(ours));
        assertThat(serialization().convertValue(ours, Map.class)).isEqualTo(plain.convertValue(ours, Map.class));
    }

    /** The client's wrapper for fields of an unexpected type delegates to Blackbird's property, not to reflection. */
    @Test
    void theClientsPropertyWrappersDelegateToGeneratedLambdas() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        new ClientMapper().customize(mapper);
        new KubernetesSerialization(mapper, true); // adds the client's modules, as the Kubernetes client does
        var context = ((com.fasterxml.jackson.databind.deser.DefaultDeserializationContext) mapper.getDeserializationContext())
                .createInstance(mapper.getDeserializationConfig(), null, null);
        var deserializer = (com.fasterxml.jackson.databind.deser.BeanDeserializerBase) context
                .findRootValueDeserializer(mapper.constructType(io.fabric8.kubernetes.api.model.PodSpec.class));
        for (String name : new String[] {"nodeName", "containers", "restartPolicy"}) {
            var property = deserializer.findProperty(name);
            assertThat(property).as(name).isInstanceOf(io.fabric8.kubernetes.model.jackson.SettableBeanPropertyDelegating.class);
            assertThat(((com.fasterxml.jackson.databind.deser.SettableBeanProperty.Delegating) property).getDelegate().getClass().getName())
                    .as(name).startsWith("com.fasterxml.jackson.module.blackbird.");
        }
    }

    /** A field of a type the model does not expect is refused as the client's own mapper refuses it (outside templates). */
    @Test
    void aFieldOfAnUnexpectedTypeIsTreatedAsTheClientTreatsIt() {
        String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"m\"},\"spec\":{\"replicas\":\"many\"}}";
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KubernetesSerialization().unmarshal(json, Deployment.class))
                .hasRootCauseInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> serialization().unmarshal(json, Deployment.class))
                .hasRootCauseInstanceOf(com.fasterxml.jackson.databind.exc.InvalidFormatException.class);
    }

    @Test
    void ownFieldSetsAreDecodedOthersOnlyNamed() {
        String json = "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"m\",\"namespace\":\"ns\",\"managedFields\":["
                + entry(OpenModelReconciler.FIELD_MANAGER, "Apply", null) + "," + entry("kube-controller-manager", "Update", "status")
                + "]},\"spec\":{\"replicas\":1},\"status\":{\"readyReplicas\":1}}";
        Deployment d = serialization().unmarshal(json, Deployment.class);
        var entries = d.getMetadata().getManagedFields();
        assertThat(entries).hasSize(2);
        ManagedFieldsEntry own = entries.get(0);
        assertThat(own.getManager()).isEqualTo(OpenModelReconciler.FIELD_MANAGER);
        assertThat(own.getOperation()).isEqualTo("Apply");
        assertThat(own.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(own.getFieldsV1()).isEqualTo(new KubernetesSerialization().unmarshal(FIELDS, io.fabric8.kubernetes.api.model.FieldsV1.class));
        ManagedFieldsEntry other = entries.get(1);
        assertThat(other.getManager()).isEqualTo("kube-controller-manager");
        assertThat(other.getOperation()).isEqualTo("Update");
        assertThat(other.getSubresource()).isEqualTo("status");
        assertThat(other.getTime()).isEqualTo("2026-12-02T09:00:00Z");
        assertThat(other.getFieldsV1()).isNull();
        // The rest of the object is untouched.
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
    }

    /**
     * A custom resource's entries come with their keys sorted (fieldsV1 before manager): nothing reads
     * their field sets, not even the operator's own, so none is decoded; the rest of the entry and
     * of the object is.
     */
    @Test
    void anEntryThatNamesItsManagerLateKeepsNoFieldSetButTheRest() {
        String json = "{\"apiVersion\":\"openmodel.dev/v1alpha1\",\"kind\":\"OpenModel\",\"metadata\":{\"managedFields\":["
                + "{\"apiVersion\":\"openmodel.dev/v1alpha1\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":" + FIELDS + ",\"future\":{\"x\":[1]},"
                + "\"manager\":\"" + OpenModelReconciler.FIELD_MANAGER + "\",\"operation\":\"Apply\",\"subresource\":\"status\","
                + "\"time\":\"2026-12-03T09:00:00Z\"}],\"name\":\"m\",\"namespace\":\"ns\"},"
                + "\"spec\":{\"model\":{\"uri\":\"hf://org/model\"}},\"status\":{\"observedGeneration\":3}}";
        var model = serialization().unmarshal(json, dev.openmodel.api.v1alpha1.OpenModel.class);
        ManagedFieldsEntry e = model.getMetadata().getManagedFields().get(0);
        assertThat(e.getFieldsV1()).isNull();
        assertThat(e.getManager()).isEqualTo(OpenModelReconciler.FIELD_MANAGER);
        assertThat(e.getOperation()).isEqualTo("Apply");
        assertThat(e.getSubresource()).isEqualTo("status");
        assertThat(e.getFieldsType()).isEqualTo("FieldsV1");
        assertThat(e.getAdditionalProperties()).containsEntry("future", Map.of("x", java.util.List.of(1)));
        assertThat(model.getMetadata().getName()).isEqualTo("m");
        assertThat(model.getSpec().model.uri).isEqualTo("hf://org/model");
        assertThat(model.getStatus().observedGeneration).isEqualTo(3L);
    }

    // Watch events, decoded in one pass: the same objects as the client's own two-pass decoding.

    static final String POD = "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"p\",\"namespace\":\"n\",\"resourceVersion\":\"42\","
            + "\"labels\":{\"app\":\"m\"}},\"spec\":{\"nodeName\":\"gpu-0\",\"containers\":[{\"name\":\"c\",\"image\":\"i\","
            + "\"resources\":{\"limits\":{\"nvidia.com/gpu\":\"1\"}}}]},\"status\":{\"phase\":\"Running\",\"conditions\":"
            + "[{\"type\":\"Ready\",\"status\":\"True\"}]}}";

    static io.fabric8.kubernetes.api.model.WatchEvent event(KubernetesSerialization s, String json) {
        return s.unmarshal(json, io.fabric8.kubernetes.api.model.WatchEvent.class);
    }

    @Test
    void aWatchEventsObjectIsTheClassOfItsKindDecodedAsTheClientDecodesIt() {
        String json = "{\"type\":\"MODIFIED\",\"object\":" + POD + "}";
        io.fabric8.kubernetes.api.model.WatchEvent ours = event(serialization(), json);
        io.fabric8.kubernetes.api.model.WatchEvent theirs = event(new KubernetesSerialization(), json);
        assertThat(ours.getType()).isEqualTo("MODIFIED");
        assertThat(ours.getObject()).isInstanceOf(Pod.class).isEqualTo(theirs.getObject());
        assertThat(((Pod) ours.getObject()).getSpec().getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu").toString()).isEqualTo("1");
    }

    @Test
    void kindAfterOtherFieldsAndObjectBeforeTypeDecodeTheSame() {
        String late = "{\"metadata\":{\"name\":\"d\",\"generation\":3},\"spec\":{\"replicas\":2},\"apiVersion\":\"apps/v1\",\"status\":"
                + "{\"readyReplicas\":1},\"kind\":\"Deployment\"}";
        String json = "{\"object\":" + late + ",\"type\":\"ADDED\"}";
        io.fabric8.kubernetes.api.model.WatchEvent ours = event(serialization(), json);
        assertThat(ours.getType()).isEqualTo("ADDED");
        assertThat(ours.getObject()).isInstanceOf(Deployment.class).isEqualTo(event(new KubernetesSerialization(), json).getObject());
        Deployment d = (Deployment) ours.getObject();
        assertThat(d.getMetadata().getGeneration()).isEqualTo(3L);
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getStatus().getReadyReplicas()).isEqualTo(1);
    }

    @Test
    void aCustomResourceRegisteredWithTheClientIsItsClass() {
        KubernetesSerialization ours = serialization();
        ours.registerKubernetesResource(dev.openmodel.api.v1alpha1.OpenModel.class);
        String json = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"openmodel.dev/v1alpha1\",\"kind\":\"OpenModel\",\"metadata\":"
                + "{\"name\":\"m\",\"namespace\":\"n\"},\"spec\":{\"model\":{\"uri\":\"hf://org/m\"}}}}";
        Object object = event(ours, json).getObject();
        assertThat(object).isInstanceOf(dev.openmodel.api.v1alpha1.OpenModel.class);
        assertThat(((dev.openmodel.api.v1alpha1.OpenModel) object).getSpec().model.uri).isEqualTo("hf://org/m");
    }

    @Test
    void kindsTheClientDoesNotKnowAndObjectsWithoutAKindGoTheClientsWay() {
        String unknown = "{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},"
                + "\"spec\":{\"size\":[1,2]}}}";
        Object ours = event(serialization(), unknown).getObject();
        assertThat(ours).isInstanceOf(io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)
                .isEqualTo(event(new KubernetesSerialization(), unknown).getObject());
        String noKind = "{\"type\":\"ADDED\",\"object\":{\"metadata\":{\"name\":\"x\"}}}";
        assertThat(event(serialization(), noKind).getObject()).isEqualTo(event(new KubernetesSerialization(), noKind).getObject());
    }

    @Test
    void anErrorEventCarriesItsStatus() {
        String json = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"too old resource version: 1 (42)\",\"reason\":\"Expired\",\"code\":410}}";
        Object object = event(serialization(), json).getObject();
        assertThat(object).isInstanceOf(io.fabric8.kubernetes.api.model.Status.class);
        assertThat(((io.fabric8.kubernetes.api.model.Status) object).getCode()).isEqualTo(410);
    }
}
