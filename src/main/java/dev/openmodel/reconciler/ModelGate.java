package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.policy.ModelAssessor;
import dev.openmodel.policy.ModelFacts;
import dev.openmodel.policy.PolicyDecision;
import dev.openmodel.policy.PolicyEngine;
import dev.openmodel.policy.PolicyRules;
import dev.openmodel.policy.Violation;
import dev.openmodel.serving.EngineOverrides;
import dev.openmodel.source.SourceFacts;
import dev.openmodel.serving.InferenceServer;
import dev.openmodel.text.Escape;
import io.fabric8.kubernetes.api.model.Namespace;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.List;
import java.util.Optional;

/**
 * The gate for one OpenModel in one reconcile: its facts and the decision of the policy that
 * governs it. Computed once and shared by the dependents and the status.
 */
public record ModelGate(ModelFacts facts, PolicyDecision decision, boolean resolving, long minDeviceMiB) {

    public ModelGate(ModelFacts facts, PolicyDecision decision) {
        this(facts, decision, false, 0);
    }

    public ModelGate(ModelFacts facts, PolicyDecision decision, boolean resolving) {
        this(facts, decision, resolving, 0);
    }

    /** Namespace label naming the ModelPolicy for the models in it. */
    public static final String POLICY_LABEL = "openmodel.dev/policy";
    public static final String DEFAULT_POLICY = "default";
    public static ModelGate of(OpenModel model, Context<OpenModel> context) {
        return PerReconcile.memo(context, ModelGate.class, () -> evaluate(model, context));
    }

    /** The model's namespace, as the namespace informer last saw it. */
    @SuppressWarnings("unchecked")
    static Optional<Namespace> namespaceOf(OpenModel model, Context<OpenModel> context) {
        var namespaces = (InformerEventSource<Namespace, OpenModel>) context.eventSourceRetriever().getEventSourceFor(Namespace.class);
        return namespaces.get(new ResourceID(model.getMetadata().getNamespace()));
    }

    @SuppressWarnings("unchecked")
    static ModelGate evaluate(OpenModel model, Context<OpenModel> context) {
        var policies = (InformerEventSource<ModelPolicy, OpenModel>) context.eventSourceRetriever().getEventSourceFor(ModelPolicy.class);
        Optional<String> fromNamespace = namespaceOf(model, context).map(ns -> ns.getMetadata().getLabels()).map(labels -> labels.get(POLICY_LABEL));
        Optional<SourceFacts> source = SourceCache.shared().lookup(model);
        Assessment assessment = ASSESSMENTS.get(model, source, id -> context.getPrimaryCache().get(id).isPresent());
        ModelGate gate = evaluate(model, name -> policies.get(new ResourceID(name)), fromNamespace, source, assessment);
        if (dev.openmodel.serving.DraClaim.requested(model) && !gate.resolving() && !DraServed.served(context.getClient())) {
            return new ModelGate(gate.facts(), gate.decision().withEnforced(List.of(new Violation("resources.dra", "resources.accelerator.deviceClassName "
                    + "asks for Dynamic Resource Allocation, but this cluster does not serve resource.k8s.io/v1 ResourceClaimTemplates; "
                    + "request the accelerator by resourceName instead"))), false, 0);
        }
        var nodes = context.eventSourceRetriever().getEventSourceFor(io.fabric8.kubernetes.api.model.Node.class);
        @SuppressWarnings("unchecked")
        var nodeCache = (InformerEventSource<io.fabric8.kubernetes.api.model.Node, OpenModel>) nodes;
        return fit(model, gate, nodeCache.list().toList());
    }

    /**
     * The GPU-memory fit check: a model that fits no node's accelerators is refused with the
     * numbers; one that fits only some is steered to those (a minimum memory per device).
     */
    static ModelGate fit(OpenModel model, ModelGate gate, List<io.fabric8.kubernetes.api.model.Node> nodes) {
        if (gate.resolving() || !gate.decision().allowsServing() || gate.facts().uri() == null || dev.openmodel.serving.DraClaim.requested(model)) {
            return gate;
        }
        try {
            var spec = model.getSpec().model;
            var source = gate.facts().source();
            // Boxed on both branches: a conditional mixing long and Long unboxes the null of neither
            // (it threw, and was caught below, on every reconcile of a model whose size is not known).
            Long parameters = spec.parameters != null ? Long.valueOf((long) InferenceServer.parameterCount(spec.parameters))
                    : source != null ? source.parameters() : null;
            String precision = spec.precision != null ? spec.precision.name() : source != null && source.dtype() != null ? source.dtype() : "bf16";
            Double bytes = dev.openmodel.serving.GpuFit.bytesPerParameter(precision);
            if (parameters == null || parameters <= 0 || bytes == null) {
                return gate;
            }
            var accelerator = InferenceServer.accelerator(model);
            int devices = accelerator.count == null ? 1 : accelerator.count;
            var need = dev.openmodel.serving.GpuFit.need(parameters, bytes, precision, devices);
            var verdict = dev.openmodel.serving.GpuFit.check(need, devices, GpuOffers.of(nodes, accelerator));
            return switch (verdict.kind()) {
                case FITS_NONE -> new ModelGate(gate.facts(), gate.decision().withEnforced(List.of(new Violation("resources.fit", verdict.message()))),
                        false, 0);
                case FITS_SOME -> new ModelGate(gate.facts(), gate.decision(), false, verdict.minDeviceMiB());
                default -> gate;
            };
        } catch (RuntimeException e) {
            return gate; // sizing is advice; the scheduler still decides
        }
    }

    /** Replicas to run: the spec's when the policy allows serving, none when it refuses (Enforce). */
    public int desiredReplicas(OpenModel model) {
        return decision.allowsServing() ? InferenceServer.replicas(model) : 0;
    }

    /**
     * Policy selection. The namespace's policy governs: its label openmodel.dev/policy, else the
     * ModelPolicy "default", else the built-in policy; it always applies. spec.policyRef can only
     * add a policy, whose rules must also pass: a model author can tighten, never loosen, what the
     * platform team set. A named policy that does not exist refuses the model.
     */
    static ModelGate evaluate(OpenModel model, java.util.function.Function<String, Optional<ModelPolicy>> policies, Optional<String> fromNamespace) {
        return evaluate(model, policies, fromNamespace, Optional.of(SourceFacts.unverified("the source was not read")));
    }

    /**
     * @param source what the model's source says; empty while it is being read for the first
     *     time, when nothing is decided yet and nothing is created
     */
    static ModelGate evaluate(OpenModel model, java.util.function.Function<String, Optional<ModelPolicy>> policies, Optional<String> fromNamespace,
            Optional<SourceFacts> source) {
        return evaluate(model, policies, fromNamespace, source, Assessment.of(model, source));
    }

    /**
     * What the gate reads of the model itself: its facts with the source's and the conformance of
     * the pod template it would get, and the overrides it asks for. A function of the model's name,
     * spec (its generation) and source facts only; most of the gate's cost (rendering the pod
     * template alone was 2.2% of the operator's CPU in a 1000-model rollout, async-profiler), so
     * it is remembered per model ({@link AssessmentMemo}) while those are unchanged.
     *
     * @param refused the gate when the model could not be assessed at all, else null
     */
    record Assessment(ModelFacts facts, List<Violation> overridden, ModelGate refused) {
        static Assessment of(OpenModel model, Optional<SourceFacts> source) {
            try {
                ModelFacts facts = ModelAssessor.facts(model.getMetadata().getName(), model.getSpec()).withSource(source.orElse(null));
                facts = facts.withNonConformance(conformance(model, facts));
                return new Assessment(facts, overrides(model), null);
            } catch (RuntimeException | StackOverflowError e) {
                // The core is built never to throw; if it ever does, the model is refused with the reason, never left without a status.
                ModelFacts facts = ModelAssessor.unassessed(model.getMetadata().getName());
                return new Assessment(facts, List.of(), new ModelGate(facts, new PolicyDecision("built-in", true, List.of(new Violation("assessment",
                        "the model could not be assessed (" + Escape.text(String.valueOf(e), 300) + "); it is refused until it can be")))));
            }
        }
    }

    static final AssessmentMemo ASSESSMENTS = new AssessmentMemo();

    static ModelGate evaluate(OpenModel model, java.util.function.Function<String, Optional<ModelPolicy>> policies, Optional<String> fromNamespace,
            Optional<SourceFacts> source, Assessment assessment) {
        if (assessment.refused() != null) {
            return assessment.refused();
        }
        ModelFacts facts = assessment.facts();
        List<Violation> overridden = assessment.overridden();
        if (source.isEmpty()) {
            return new ModelGate(facts, new PolicyDecision("source", true, List.of(new Violation("source", "reading what "
                    + Escape.text(model.getSpec().model.uri, 300) + " says before deciding; nothing is created until then"))), true);
        }
        PolicyDecision governing;
        String governingName;
        if (fromNamespace.isPresent()) {
            governingName = fromNamespace.get();
            governing = decide(facts, governingName, "namespace label " + POLICY_LABEL, policies);
        } else {
            governingName = policies.apply(DEFAULT_POLICY).isPresent() ? DEFAULT_POLICY : "built-in";
            governing = governingName.equals(DEFAULT_POLICY) ? decide(facts, DEFAULT_POLICY, "default", policies)
                    : PolicyEngine.decide(facts, PolicyRules.builtIn());
        }
        PolicyDecision decision = governing;
        String added = model.getSpec().policyRef == null ? null : model.getSpec().policyRef.name;
        if (added != null && !added.equals(governingName)) {
            decision = PolicyDecision.both(governing, decide(facts, added, "spec.policyRef", policies));
        }
        return new ModelGate(facts, decision.withEnforced(overridden));
    }

    private static PolicyDecision decide(ModelFacts facts, String name, String source,
            java.util.function.Function<String, Optional<ModelPolicy>> policies) {
        Optional<ModelPolicy> policy = policies.apply(name);
        if (policy.isEmpty()) {
            // A named policy that does not exist must not silently fall back to a laxer one.
            return new PolicyDecision(name, true, List.of(new Violation("policy", "ModelPolicy " + name + " (from " + source + ") does not exist")));
        }
        return PolicyEngine.decide(facts, PolicyRules.from(name, policy.get().getSpec()));
    }

    /** The workload conformance of the pod template that would be rendered, user overrides included. */
    static List<String> conformance(OpenModel model, ModelFacts facts) {
        var defaults = dev.openmodel.serving.EngineDefaults.of(InferenceServer.engine(model));
        var pod = InferenceServer.podSpec(model, facts.source() == null ? null : facts.source().resolvedRevision());
        return dev.openmodel.conformance.WorkloadConformance.check(pod, defaults.metricsPath(), defaults.healthPath()).stream()
                .map(Object::toString).toList();
    }

    /** User args and env that would set what the gate decided: refused whatever the policy says. */
    static List<Violation> overrides(OpenModel model) {
        var serving = model.getSpec().serving;
        if (serving == null) {
            return List.of();
        }
        return EngineOverrides.find(InferenceServer.engine(model), serving.args, serving.env).stream()
                .map(o -> new Violation(o.field().startsWith("spec.serving.args") ? "serving.args" : "serving.env", o.toString()))
                .toList();
    }
}
