package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class AotTrainingTest {

    @Test
    void everySampleGoesThroughTheOperatorsJson() {
        assertThat(AotTraining.train(ClientMapperTest.serialization())).isEqualTo(8);
    }

    /** The samples are objects as the API server sends them: managedFields, status and the server's defaults. */
    @Test
    void samplesAreServedObjects() {
        var json = ClientMapperTest.serialization();
        Deployment deployment = json.unmarshal(AotTraining.sample("deployment"), Deployment.class);
        assertThat(deployment.getMetadata().getManagedFields()).extracting(e -> e.getManager()).contains(OpenModelReconciler.FIELD_MANAGER);
        assertThat(deployment.getStatus().getReadyReplicas()).isEqualTo(1);
        Pod pod = json.unmarshal(AotTraining.sample("pod"), Pod.class);
        assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
        OpenModel model = json.unmarshal(AotTraining.sample("openmodel"), OpenModel.class);
        assertThat(model.getStatus().conditions).isNotEmpty();
    }
}
