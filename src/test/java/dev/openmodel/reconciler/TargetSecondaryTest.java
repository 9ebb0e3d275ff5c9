package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.InferenceServer;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dependents name their target without rendering it; the name must be the one the renderer gives. */
class TargetSecondaryTest {
    static OpenModel model() {
        return new com.fasterxml.jackson.databind.ObjectMapper().convertValue(Map.of(
                "apiVersion", "openmodel.dev/v1alpha1", "kind", "OpenModel",
                "metadata", Map.of("name", "granite-33-8b", "namespace", "team-a", "uid", "u-1"),
                "spec", Map.of("model", Map.of("uri", "pvc://models/granite"), "license", Map.of("id", "apache-2.0"),
                        "resources", Map.of("accelerator", Map.of("count", 1)))), OpenModel.class);
    }

    @Test
    void theTargetIsWhereTheRendererPutsTheDeploymentAndTheService() {
        OpenModel m = model();
        assertThat(new DeploymentDependent().targetSecondaryResourceID(m, null))
                .isEqualTo(ResourceID.fromResource(InferenceServer.deployment(m, 1)));
        assertThat(new ServiceDependent().targetSecondaryResourceID(m, null))
                .isEqualTo(ResourceID.fromResource(InferenceServer.service(m)));
    }

    /** Looked up by name, an object is the model's only as the SDK's owner index would have it. */
    @Test
    void theLookupByNameKeepsTheSdksOwnershipRule() {
        OpenModel m = model();
        var rendered = InferenceServer.deployment(m, 1);
        var service = InferenceServer.service(m);
        // as the SDK applies them
        rendered.addOwnerReference(m);
        service.addOwnerReference(m);
        assertThat(ModelNamedDependent.ownedBy(rendered, m)).isTrue();
        assertThat(ModelNamedDependent.ownedBy(service, m)).isTrue();

        var foreign = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(rendered).editMetadata().withOwnerReferences().endMetadata().build();
        assertThat(ModelNamedDependent.ownedBy(foreign, m)).as("no owner").isFalse();
        var otherModel = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(rendered).editMetadata().editFirstOwnerReference()
                .withName("another").endOwnerReference().endMetadata().build();
        assertThat(ModelNamedDependent.ownedBy(otherModel, m)).as("owned by another model").isFalse();
        var otherKind = new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder(rendered).editMetadata().editFirstOwnerReference()
                .withKind("ReplicaSet").withApiVersion("apps/v1").endOwnerReference().endMetadata().build();
        assertThat(ModelNamedDependent.ownedBy(otherKind, m)).as("owned by something else of that name").isFalse();
    }
}
