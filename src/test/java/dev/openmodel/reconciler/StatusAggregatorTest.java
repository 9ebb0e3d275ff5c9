package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelStatus;
import dev.openmodel.policy.PolicyEngineTest;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
    static final NameConflicts NONE = NameConflicts.NONE;

    static OpenModel model() {
        OpenModel m = new OpenModel();
        m.getMetadata().setName("m");
        m.getMetadata().setNamespace("team-a");
        m.getMetadata().setGeneration(4L);
        m.setSpec(PolicyEngineTest.spec("hf://Qwen/Qwen2.5-7B-Instruct", "apache-2.0"));
        return m;
    }

    static ModelGate gate(OpenModel m) {
        return ModelGate.evaluate(m, name -> Optional.empty(), Optional.empty());
    }

    static Deployment deployment(int replicas, int ready) {
        return new DeploymentBuilder().withNewMetadata().withName("m").endMetadata()
                .withNewStatus().withReplicas(replicas).withReadyReplicas(ready).endStatus().build();
    }

    static Pod scheduledPod(String name) {
        return new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withNodeName("gpu-l4-0").endSpec()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("True").endCondition().endStatus().build();
    }

    static Condition condition(OpenModelStatus status, String type) {
        return Conditions.find(status.conditions, type).orElseThrow();
    }

    static OpenModelStatus aggregate(OpenModel m, Deployment d, List<Pod> pods) {
        return StatusAggregator.aggregate(m, gate(m), 1, new ServingObservation(Optional.ofNullable(d), pods, true), NONE, "2026-11-22T10:00:00Z");
    }

    @Test
    void readyModelSaysWhereItIsServed() {
        OpenModelStatus s = aggregate(model(), deployment(1, 1), List.of(scheduledPod("m-1")));
        assertThat(condition(s, Conditions.READY).getStatus()).isEqualTo("True");
        assertThat(condition(s, Conditions.READY).getMessage()).isEqualTo("Serving at http://m.team-a.svc:8000.");
        assertThat(condition(s, Conditions.SCHEDULED).getMessage()).contains("gpu-l4-0");
        assertThat(s.conditions).allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(4L));
        assertThat(s.observedGeneration).isEqualTo(4L);
        assertThat(s.endpoint.url).isEqualTo("http://m.team-a.svc:8000");
    }

    /**
     * The pods say how many exist: a pod already placed while the Deployment's status still says
     * none is one replica (reported with its placement, not in a status write of its own), and a
     * pod being deleted is none.
     */
    @Test
    void replicasAreThePodsThatExist() {
        OpenModelStatus placed = aggregate(model(), deployment(0, 0), List.of(scheduledPod("m-1")));
        assertThat(placed.replicas).isEqualTo(1);
        assertThat(condition(placed, Conditions.SCHEDULED).getReason()).isEqualTo("Scheduled");
        Pod going = new PodBuilder(scheduledPod("m-2")).editMetadata().withDeletionTimestamp("2026-11-22T10:00:00Z").endMetadata().build();
        assertThat(aggregate(model(), deployment(2, 1), List.of(scheduledPod("m-1"), going)).replicas).isEqualTo(1);
        assertThat(aggregate(model(), null, List.of()).replicas).isZero();
    }

    @Test
    void crashLoopingEngineIsReportedWithItsLastExit() {
        Pod pod = new PodBuilder(scheduledPod("m-1")).editStatus()
                .addNewContainerStatus().withName("server").withReady(false).withRestartCount(6)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").withMessage("back-off 5m0s restarting failed container").endWaiting().endState()
                .withNewLastState().withNewTerminated().withReason("OOMKilled").withExitCode(137).endTerminated().endLastState()
                .endContainerStatus().endStatus().build();
        OpenModelStatus s = aggregate(model(), deployment(1, 0), List.of(pod));
        Condition ready = condition(s, Conditions.READY);
        assertThat(ready.getReason()).isEqualTo("ContainerFailing");
        assertThat(ready.getMessage()).contains("pod m-1: container server is CrashLoopBackOff (last exit: OOMKilled, code 137): back-off 5m0s");
    }

    @Test
    void missingTokenSecretIsReportedNotLeftToDescribePod() {
        Pod pod = new PodBuilder(scheduledPod("m-1")).editStatus()
                .addNewContainerStatus().withName("server").withReady(false)
                .withNewState().withNewWaiting().withReason("CreateContainerConfigError").withMessage("secret \"hf-token\" not found").endWaiting().endState()
                .endContainerStatus().endStatus().build();
        assertThat(condition(aggregate(model(), deployment(1, 0), List.of(pod)), Conditions.READY).getMessage())
                .contains("CreateContainerConfigError: secret \"hf-token\" not found");
    }

    @Test
    void startingUpIsNotAFailure() {
        Pod pod = new PodBuilder(scheduledPod("m-1")).editStatus()
                .addNewContainerStatus().withName("server").withReady(false)
                .withNewState().withNewRunning().withStartedAt("2026-11-22T09:59:00Z").endRunning().endState()
                .endContainerStatus().endStatus().build();
        assertThat(condition(aggregate(model(), deployment(1, 0), List.of(pod)), Conditions.READY).getReason()).isEqualTo("ReplicasNotReady");
    }

    @Test
    void schedulerVerdictGoesIntoScheduledAndReady() {
        Pod pending = new PodBuilder().withNewMetadata().withName("m-1").endMetadata().withNewSpec().endSpec()
                .withNewStatus().addNewCondition().withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                .withMessage("0/5 nodes are available: 4 Insufficient nvidia.com/gpu.").endCondition().endStatus().build();
        OpenModelStatus s = aggregate(model(), deployment(1, 0), List.of(pending));
        assertThat(condition(s, Conditions.SCHEDULED).getReason()).isEqualTo("Unschedulable");
        assertThat(condition(s, Conditions.READY).getMessage()).isEqualTo("0/5 nodes are available: 4 Insufficient nvidia.com/gpu.");
    }

    @Test
    void transitionTimeMovesOnlyWhenTheStatusChanges() {
        OpenModel m = model();
        OpenModelStatus first = aggregate(m, deployment(1, 1), List.of(scheduledPod("m-1")));
        m.setStatus(first);
        OpenModelStatus again = StatusAggregator.aggregate(m, gate(m), 1,
                new ServingObservation(Optional.of(deployment(1, 1)), List.of(scheduledPod("m-1")), true), NONE, "2026-11-22T11:00:00Z");
        assertThat(again).isEqualTo(first);
        m.setStatus(again);
        OpenModelStatus down = StatusAggregator.aggregate(m, gate(m), 1,
                new ServingObservation(Optional.of(deployment(1, 0)), List.of(scheduledPod("m-1")), true), NONE, "2026-11-22T12:00:00Z");
        assertThat(condition(down, Conditions.READY).getLastTransitionTime()).isEqualTo("2026-11-22T12:00:00Z");
        assertThat(condition(down, Conditions.SCHEDULED).getLastTransitionTime()).isEqualTo("2026-11-22T10:00:00Z");
    }

    @Test
    void aNameConflictWinsOverEverythingButThePolicy() {
        OpenModel m = model();
        OpenModelStatus s = StatusAggregator.aggregate(m, gate(m), 1, new ServingObservation(Optional.empty(), List.of(), false),
                new NameConflicts(List.of("Deployment team-a/m")), "2026-11-22T10:00:00Z");
        assertThat(condition(s, Conditions.READY).getReason()).isEqualTo("NameConflict");
        assertThat(s.endpoint).isNull();
        assertThat(Map.of("license", s.license.id)).containsEntry("license", "Apache-2.0");
    }
}
