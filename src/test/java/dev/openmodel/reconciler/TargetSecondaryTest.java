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
}
