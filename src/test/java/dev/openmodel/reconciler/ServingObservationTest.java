package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Which watch events reach a reconcile: only those that change what the status reads or what is applied. */
class ServingObservationTest {

    static Pod pending() {
        return new PodBuilder().withNewMetadata().withName("m-1").withNamespace("ns").addToLabels("openmodel.dev/model", "m").endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withPhase("Pending").endStatus().build();
    }

    static Pod scheduled() {
        return new PodBuilder(pending()).editSpec().withNodeName("gpu-0").endSpec()
                .editStatus().addNewCondition().withType("PodScheduled").withStatus("True").endCondition().endStatus().build();
    }

    static boolean matters(Pod before, UnaryOperator<PodBuilder> change) {
        return ServingObservation.mattersToStatus(change.apply(new PodBuilder(before)).build(), before);
    }

    @Test
    void aPodThatStartsRunningOrBecomesReadyIsNoNews() {
        assertThat(matters(scheduled(), b -> b.editStatus().withPhase("Running").withPodIP("10.0.0.1")
                .addNewCondition().withType("Ready").withStatus("True").endCondition()
                .addNewContainerStatus().withName("server").withReady(true).withNewState().withNewRunning().endRunning().endState().endContainerStatus()
                .endStatus().editMetadata().withResourceVersion("42").endMetadata())).isFalse();
    }

    @Test
    void schedulingPlacementDeletionAndStuckContainersAreNews() {
        assertThat(ServingObservation.mattersToStatus(scheduled(), pending())).isTrue();
        assertThat(matters(scheduled(), b -> b.editSpec().withNodeName("gpu-1").endSpec())).isTrue();
        assertThat(matters(pending(), b -> b.editStatus().addNewCondition().withType("PodScheduled").withStatus("False")
                .withReason("Unschedulable").withMessage("0/3 nodes are available").endCondition().endStatus())).isTrue();
        assertThat(matters(scheduled(), b -> b.editMetadata().withDeletionTimestamp("2026-12-02T00:00:00Z").endMetadata())).isTrue();
        assertThat(matters(scheduled(), b -> b.editStatus().addNewContainerStatus().withName("server").withNewState().withNewWaiting()
                .withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus().endStatus())).isTrue();
        assertThat(matters(scheduled(), b -> b.editMetadata().addToLabels("openmodel.dev/model", "other").endMetadata())).isTrue();
    }

    @Test
    void aNewPodMattersOnlyOncePlacedJudgedFailingOrGoing() {
        assertThat(ServingObservation.mattersToStatus(pending())).as("as the ReplicaSet creates it").isFalse();
        assertThat(ServingObservation.mattersToStatus(scheduled())).isTrue();
        assertThat(ServingObservation.mattersToStatus(new PodBuilder(pending()).editStatus().addNewCondition().withType("PodScheduled")
                .withStatus("False").withReason("Unschedulable").endCondition().endStatus().build())).isTrue();
        assertThat(ServingObservation.mattersToStatus(new PodBuilder(pending()).editMetadata().withDeletionTimestamp("2026-12-02T00:00:00Z")
                .endMetadata().build())).isTrue();
    }

    @Test
    void theReplicaCountStartsWithTheSchedulersVerdictNotWithThePodsCreation() {
        Pod unschedulable = new PodBuilder(pending()).editMetadata().withName("m-3").endMetadata().editStatus().addNewCondition()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").endCondition().endStatus().build();
        Pod going = new PodBuilder(scheduled()).editMetadata().withName("m-4").withDeletionTimestamp("2026-12-02T00:00:00Z").endMetadata().build();
        assertThat(observed(pending()).replicas()).as("created, not yet judged").isZero();
        assertThat(observed(pending(), scheduled(), unschedulable, going).replicas()).as("placed and judged, not new or going").isEqualTo(2);
        assertThat(observed(scheduled(), unschedulable).replicas()).isEqualTo(2);
    }

    static ServingObservation observed(Pod... pods) {
        return new ServingObservation(java.util.Optional.empty(), java.util.List.of(pods), false);
    }

    static Deployment deployment() {
        return new DeploymentBuilder().withNewMetadata().withName("m").withNamespace("ns").withGeneration(1L).addToLabels("app", "m").endMetadata()
                .withNewSpec().withReplicas(1).endSpec().withNewStatus().withReplicas(1).endStatus().build();
    }

    static boolean matters(UnaryOperator<DeploymentBuilder> change) {
        return ServingObservation.mattersToStatusOrApply(change.apply(new DeploymentBuilder(deployment())).build(), deployment());
    }

    @Test
    void theDeploymentControllersProgressReportsAreNoNews() {
        assertThat(matters(b -> b.editStatus().withObservedGeneration(1L).withUpdatedReplicas(1).withAvailableReplicas(0).withUnavailableReplicas(1)
                .addNewCondition().withType("Progressing").withStatus("True").withReason("NewReplicaSetCreated").endCondition().endStatus()
                .editMetadata().withResourceVersion("7").endMetadata())).isFalse();
        // how many pods exist: the status counts the pods themselves
        assertThat(matters(b -> b.editStatus().withReplicas(2).endStatus())).isFalse();
    }

    @Test
    void theReadyCountSpecChangesAndMetadataAreNews() {
        assertThat(matters(b -> b.editStatus().withReadyReplicas(1).endStatus())).isTrue();
        assertThat(matters(b -> b.editMetadata().withGeneration(2L).endMetadata().editSpec().withReplicas(3).endSpec())).isTrue();
        assertThat(matters(b -> b.editMetadata().addToLabels("app", "x").endMetadata())).isTrue();
        assertThat(matters(b -> b.editMetadata().addToAnnotations("a", "b").endMetadata())).isTrue();
        assertThat(matters(b -> b.editMetadata().withDeletionTimestamp("2026-12-02T00:00:00Z").endMetadata())).isTrue();
    }
}
