package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the cluster says about a model's inference server: its Deployment (if any) and pods.
 * Reads only; the status aggregator turns it into conditions.
 */
public record ServingObservation(Optional<Deployment> deployment, List<Pod> pods, boolean serviceExists) {

    public int replicas() {
        return deployment.map(d -> d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas()).orElse(0);
    }

    public int readyReplicas() {
        return deployment.map(d -> d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas()).orElse(0);
    }

    /** The scheduler's verdict on the first pod it could not place, e.g. "0/5 nodes are available: ...". */
    public Optional<String> unschedulableMessage() {
        return livePods().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(p -> podScheduled(p).filter(c -> "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason())))
                .flatMap(Optional::stream)
                .map(PodCondition::getMessage)
                .findFirst();
    }

    public List<Pod> scheduledPods() {
        return livePods().stream().filter(p -> podScheduled(p).map(c -> "True".equals(c.getStatus())).orElse(false)).toList();
    }

    public List<Pod> livePods() {
        return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    private static Optional<PodCondition> podScheduled(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }
}
