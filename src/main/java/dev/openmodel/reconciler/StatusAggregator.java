package dev.openmodel.reconciler;

import static dev.openmodel.reconciler.Conditions.AVAILABLE;
import static dev.openmodel.reconciler.Conditions.FALSE;
import static dev.openmodel.reconciler.Conditions.READY;
import static dev.openmodel.reconciler.Conditions.SCHEDULED;
import static dev.openmodel.reconciler.Conditions.TRUE;
import static dev.openmodel.reconciler.Conditions.UNKNOWN;

import dev.openmodel.api.v1alpha1.Endpoint;
import dev.openmodel.api.v1alpha1.LicenseStatus;
import dev.openmodel.api.v1alpha1.OpennessStatus;
import dev.openmodel.api.v1alpha1.MofClassStatus;
import dev.openmodel.openness.MofClassReport;
import dev.openmodel.license.ResolvedLicense;
import dev.openmodel.openness.OpennessAssessment;
import dev.openmodel.policy.PolicyDecision;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelStatus;
import dev.openmodel.serving.EngineDefaults;
import dev.openmodel.serving.InferenceServer;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Builds an OpenModel's status from what was observed. Pure: the same inputs give an equal
 * status, so an unchanged world leads to no status write.
 */
public final class StatusAggregator {

    private StatusAggregator() {
    }

    public static OpenModelStatus aggregate(OpenModel model, ModelGate gate, int desiredReplicas, ServingObservation observed,
            NameConflicts conflicts, String now) {
        OpenModelStatus previous = model.getStatus();
        long generation = model.getMetadata().getGeneration() == null ? 0 : model.getMetadata().getGeneration();
        Conditions conditions = new Conditions(previous == null ? List.of() : previous.conditions, generation, now);

        PolicyDecision decision = gate.decision();
        if (gate.resolving()) {
            conditions.set(Conditions.POLICY_COMPLIANT, UNKNOWN, SourceStatuses.RESOLVING, decision.violations().get(0).fact());
        } else if (decision.compliant()) {
            conditions.set(Conditions.POLICY_COMPLIANT, TRUE, "Compliant", decision.message());
        } else {
            conditions.set(Conditions.POLICY_COMPLIANT, FALSE, decision.enforce() ? "PolicyViolation" : "AuditViolation", decision.message());
        }
        if (decision.allowsServing() && conflicts.any() && observed.deployment().isEmpty()) {
            conditions.set(SCHEDULED, FALSE, "NameConflict", "Not scheduled: " + conflicts.message());
            conditions.set(AVAILABLE, FALSE, "NameConflict", "Not created: " + conflicts.message());
            conditions.set(READY, FALSE, "NameConflict", conflicts.message());
        } else if (decision.allowsServing()) {
            scheduled(conditions, desiredReplicas, observed);
            available(conditions, desiredReplicas, observed);
            ready(conditions, model);
            if (conflicts.any()) {
                conditions.set(READY, FALSE, "NameConflict", conflicts.message());
            }
        } else if (gate.resolving()) {
            String waiting = "Waiting for the source to be read.";
            conditions.set(SCHEDULED, FALSE, SourceStatuses.RESOLVING, waiting);
            conditions.set(AVAILABLE, FALSE, SourceStatuses.RESOLVING, waiting);
            conditions.set(READY, FALSE, SourceStatuses.RESOLVING, decision.violations().get(0).fact());
        } else {
            String stopped = observed.deployment().isPresent() ? "Scaled to zero: " : "Not scheduled: ";
            conditions.set(SCHEDULED, FALSE, "PolicyViolation", stopped + "the model is refused by policy.");
            conditions.set(AVAILABLE, FALSE, "PolicyViolation", stopped + "the model is refused by policy.");
            conditions.set(READY, FALSE, "PolicyViolation", decision.message());
        }

        List<String> nonConformance = gate.facts().nonConformance();
        if (nonConformance.isEmpty()) {
            conditions.set(Conditions.CONFORMANT, TRUE, "Conformant",
                    "The pod template meets Pod Security restricted and the CNCF AI Conformance workload rules.");
        } else {
            conditions.set(Conditions.CONFORMANT, FALSE, "NotConformant", "- " + String.join("\n- ", nonConformance));
        }

        OpenModelStatus status = new OpenModelStatus();
        status.observedGeneration = generation;
        status.conditions = conditions.build();
        status.replicas = observed.replicas();
        status.readyReplicas = observed.readyReplicas();
        if (observed.serviceExists()) {
            status.endpoint = new Endpoint(InferenceServer.endpointUrl(model), EngineDefaults.of(InferenceServer.engine(model)).api());
        }
        status.license = license(gate.facts().license());
        status.openness = openness(gate.facts().openness());
        if (gate.facts().uri() != null && model.getSpec().model != null) {
            status.source = SourceStatuses.of(model, gate.facts().source());
        }
        return status;
    }

    static LicenseStatus license(ResolvedLicense l) {
        LicenseStatus s = new LicenseStatus();
        s.id = l.id();
        s.category = l.category().id();
        s.osiApproved = l.osiApproved();
        s.commercialUse = l.commercialUse();
        s.restrictions = l.duties().isEmpty() ? null : l.duties();
        return s;
    }

    static OpennessStatus openness(OpennessAssessment o) {
        OpennessStatus s = new OpennessStatus();
        s.mofClass = o.mofClass();
        s.mofConditional = o.conditional() ? Boolean.TRUE : null;
        List<MofClassStatus> classes = new ArrayList<>();
        MofClassReport below = null;
        for (MofClassReport r : o.classes()) { // III, II, I: each builds on the one before
            classes.add(mofClass(r, below));
            below = r;
        }
        s.classes = classes;
        s.osaid = o.osaid();
        s.openWeights = o.openWeights();
        s.verdict = o.verdict();
        s.missing = o.missing().isEmpty() ? null : o.missing();
        s.findings = o.findings().isEmpty() ? null : o.findings();
        return s;
    }

    /**
     * A class as the status reports it: its lists name only what it adds to the class below it.
     * The tool's lists are cumulative (class I repeats every gap of classes III and II), and the
     * status is stored and sent with every write and watch event; the union of a class's lists and
     * those of the classes below it gives the tool's list back, and the command prints them whole.
     */
    private static MofClassStatus mofClass(MofClassReport r, MofClassReport below) {
        MofClassStatus s = new MofClassStatus();
        s.mofClass = r.className();
        s.met = r.met();
        s.conditional = r.conditional() ? Boolean.TRUE : null;
        s.progress = (int) Math.floor(r.progress());
        s.missing = added(r, below, MofClassReport::missing);
        s.unlicensed = added(r, below, MofClassReport::unlicensed);
        s.notOpen = added(r, below, MofClassReport::notOpen);
        s.notTypeAppropriate = added(r, below, MofClassReport::notTypeAppropriate);
        return s;
    }

    /** The components of one of a class's lists not already in the class below's, in order; null when none. */
    private static List<String> added(MofClassReport r, MofClassReport below, Function<MofClassReport, List<String>> list) {
        List<String> lower = below == null ? List.of() : list.apply(below);
        List<String> added = list.apply(r).stream().filter(c -> !lower.contains(c)).toList();
        return added.isEmpty() ? null : added;
    }

    private static void scheduled(Conditions conditions, int desired, ServingObservation observed) {
        var unschedulable = observed.unschedulableMessage();
        if (unschedulable.isPresent()) {
            conditions.set(SCHEDULED, FALSE, "Unschedulable", unschedulable.get());
        } else if (desired == 0) {
            conditions.set(SCHEDULED, TRUE, "NoReplicas", "No replicas are requested.");
        } else if (observed.scheduledPods().size() >= desired) {
            TreeSet<String> nodes = new TreeSet<>();
            observed.scheduledPods().forEach(p -> nodes.add(p.getSpec().getNodeName()));
            conditions.set(SCHEDULED, TRUE, "Scheduled", observed.scheduledPods().size() + " pod(s) placed on node(s) " + String.join(", ", nodes) + ".");
        } else {
            conditions.set(SCHEDULED, UNKNOWN, "Pending",
                    observed.scheduledPods().size() + "/" + desired + " pod(s) placed; waiting for the scheduler.");
        }
    }

    private static void available(Conditions conditions, int desired, ServingObservation observed) {
        int ready = observed.readyReplicas();
        if (observed.deployment().isEmpty()) {
            conditions.set(AVAILABLE, FALSE, "Creating", "The inference server's Deployment does not exist yet.");
        } else if (desired == 0) {
            conditions.set(AVAILABLE, FALSE, "ScaledToZero", "No replicas are requested.");
        } else if (ready >= desired) {
            conditions.set(AVAILABLE, TRUE, "ReplicasReady", ready + "/" + desired + " replica(s) ready.");
        } else if (observed.containerProblem().isPresent()) {
            conditions.set(AVAILABLE, FALSE, "ContainerFailing", ready + "/" + desired + " replica(s) ready; " + observed.containerProblem().get());
        } else {
            conditions.set(AVAILABLE, FALSE, "ReplicasNotReady", ready + "/" + desired + " replica(s) ready.");
        }
    }

    private static void ready(Conditions conditions, OpenModel model) {
        List<Condition> now = conditions.build();
        Condition scheduled = Conditions.find(now, SCHEDULED).orElseThrow();
        Condition available = Conditions.find(now, AVAILABLE).orElseThrow();
        if (TRUE.equals(available.getStatus())) {
            conditions.set(READY, TRUE, "Ready", "Serving at " + InferenceServer.endpointUrl(model) + ".");
        } else if (FALSE.equals(scheduled.getStatus())) {
            conditions.set(READY, FALSE, scheduled.getReason(), scheduled.getMessage());
        } else {
            conditions.set(READY, FALSE, available.getReason(), available.getMessage());
        }
    }
}
