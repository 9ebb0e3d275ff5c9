package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the cluster says about a model's inference server: its Deployment (if any) and pods.
 * Reads only; the status aggregator turns it into conditions.
 */
public record ServingObservation(Optional<Deployment> deployment, List<Pod> pods, boolean serviceExists) {

    /**
     * The inference server's pods that exist (not being deleted), counted from the pods themselves
     * rather than from the Deployment's status: that count reaches the Deployment only after the
     * ReplicaSet's, so a pod already placed was reported as "1 pod(s) placed" beside "replicas: 0",
     * and one more status write followed with the count alone. A new pod is counted by the time
     * the scheduler has decided on it (placed or unschedulable: the pod updates that reconcile;
     * its creation alone does not); one being deleted stops counting at once. A pod the ReplicaSet
     * has created and the scheduler not yet judged is not counted even when something else
     * triggers the reconcile: it reads as no pod at all ("0/1 pod(s) placed"), and counting it
     * would be a status write for the count alone, one placement before the write that says so.
     */
    public int replicas() {
        return (int) livePods().stream().filter(ServingObservation::mattersToStatus).count();
    }

    public int readyReplicas() {
        return deployment.map(ServingObservation::readyReplicas).orElse(0);
    }

    private static int readyReplicas(Deployment d) {
        return d.getStatus() == null || d.getStatus().getReadyReplicas() == null ? 0 : d.getStatus().getReadyReplicas();
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

    /** Waiting reasons that mean a container will not start without someone acting. */
    private static final java.util.Set<String> STUCK = java.util.Set.of("ImagePullBackOff", "ErrImagePull", "InvalidImageName",
            "CrashLoopBackOff", "CreateContainerConfigError", "CreateContainerError", "RunContainerError");

    /**
     * Why a container of the inference server is not running, when that needs a person: e.g.
     * "pod m-7d9-x: container server is CrashLoopBackOff (last exit: OOMKilled, code 137): back-off 5m0s".
     */
    public Optional<String> containerProblem() {
        return livePods().stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .map(ServingObservation::problem)
                .flatMap(Optional::stream)
                .findFirst();
    }

    private static Optional<String> problem(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (var c : pod.getStatus().getContainerStatuses()) {
            var waiting = c.getState() == null ? null : c.getState().getWaiting();
            if (waiting == null || !STUCK.contains(waiting.getReason())) {
                continue;
            }
            StringBuilder b = new StringBuilder("pod ").append(pod.getMetadata().getName()).append(": container ").append(c.getName())
                    .append(" is ").append(waiting.getReason());
            var last = c.getLastState() == null ? null : c.getLastState().getTerminated();
            if (last != null) {
                b.append(" (last exit: ").append(last.getReason() == null ? "Error" : last.getReason()).append(", code ")
                        .append(last.getExitCode()).append(')');
            }
            if (waiting.getMessage() != null && !waiting.getMessage().isBlank()) {
                b.append(": ").append(waiting.getMessage());
            }
            return Optional.of(b.toString());
        }
        return Optional.empty();
    }

    public List<Pod> scheduledPods() {
        return livePods().stream().filter(p -> podScheduled(p).map(c -> "True".equals(c.getStatus())).orElse(false)).toList();
    }

    public List<Pod> livePods() {
        return pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    /**
     * All that the status reads of a pod: which model (label), whether it is going, where it runs,
     * the scheduler's verdict and a container problem. Pod updates that leave it equal (a container
     * started, a probe passed, the kubelet's timestamps) change no status and need no reconcile.
     */
    record PodView(String model, boolean deleting, String nodeName, String scheduledStatus, String scheduledReason,
            String scheduledMessage, String problem) {
        /** A pod of the model as its ReplicaSet creates it: the status reads it as no pod at all. */
        static PodView unplaced(String model) {
            return new PodView(model, false, null, null, null, null, null);
        }
    }

    static PodView view(Pod pod) {
        var labels = pod.getMetadata().getLabels();
        var scheduled = podScheduled(pod);
        return new PodView(labels == null ? null : labels.get(dev.openmodel.serving.Labels.MODEL), pod.getMetadata().getDeletionTimestamp() != null,
                pod.getSpec() == null ? null : pod.getSpec().getNodeName(), scheduled.map(PodCondition::getStatus).orElse(null),
                scheduled.map(PodCondition::getReason).orElse(null), scheduled.map(PodCondition::getMessage).orElse(null),
                problem(pod).orElse(null));
    }

    /**
     * Whether a new pod says anything the status reads: one not yet placed, judged or failing (as
     * the ReplicaSet creates them) reads as no pod at all ("0/1 placed; waiting for the scheduler").
     */
    public static boolean mattersToStatus(Pod added) {
        PodView v = view(added);
        return !v.equals(PodView.unplaced(v.model()));
    }

    /** Whether a pod update changes anything the status reads. */
    public static boolean mattersToStatus(Pod now, Pod before) {
        return !view(now).equals(view(before));
    }

    /**
     * Whether a Deployment update can change the model's status or needs the Deployment applied
     * again: the status reads only its ready count (the pods say how many exist); anything else the operator acts on is in
     * its metadata (a spec change bumps the generation; labels, annotations, owners and the
     * operator's own field ownership do not, so they are compared as they are). The Deployment
     * controller's progress reports (observed generation, conditions, the counts of pods that
     * exist, are updated or available) are neither.
     */
    public static boolean mattersToStatusOrApply(Deployment now, Deployment before) {
        var a = now.getMetadata();
        var b = before.getMetadata();
        return !Objects.equals(a.getGeneration(), b.getGeneration()) || !Objects.equals(a.getDeletionTimestamp(), b.getDeletionTimestamp())
                || !Objects.equals(a.getLabels(), b.getLabels()) || !Objects.equals(a.getAnnotations(), b.getAnnotations())
                || !Objects.equals(a.getOwnerReferences(), b.getOwnerReferences()) || !Objects.equals(a.getFinalizers(), b.getFinalizers())
                || !Objects.equals(a.getManagedFields(), b.getManagedFields())
                || readyReplicas(now) != readyReplicas(before);
    }

    private static Optional<PodCondition> podScheduled(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst();
    }
}
