package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.policy.ModelAssessor;
import dev.openmodel.policy.ModelFacts;
import dev.openmodel.policy.PolicyDecision;
import dev.openmodel.policy.PolicyEngine;
import dev.openmodel.policy.PolicyRules;
import dev.openmodel.policy.Violation;
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
public record ModelGate(ModelFacts facts, PolicyDecision decision) {
    /** Namespace label naming the ModelPolicy for the models in it. */
    public static final String POLICY_LABEL = "openmodel.dev/policy";
    public static final String DEFAULT_POLICY = "default";
    public static ModelGate of(OpenModel model, Context<OpenModel> context) {
        return PerReconcile.memo(context, ModelGate.class, () -> evaluate(model, context));
    }

    @SuppressWarnings("unchecked")
    static ModelGate evaluate(OpenModel model, Context<OpenModel> context) {
        var policies = (InformerEventSource<ModelPolicy, OpenModel>) context.eventSourceRetriever().getEventSourceFor(ModelPolicy.class);
        var namespaces = (InformerEventSource<Namespace, OpenModel>) context.eventSourceRetriever().getEventSourceFor(Namespace.class);
        Optional<String> fromNamespace = namespaces.get(new ResourceID(model.getMetadata().getNamespace()))
                .map(ns -> ns.getMetadata().getLabels()).map(labels -> labels.get(POLICY_LABEL));
        return evaluate(model, name -> policies.get(new ResourceID(name)), fromNamespace);
    }

    /** Replicas to run: the spec's when the policy allows serving, none when it refuses (Enforce). */
    public int desiredReplicas(OpenModel model) {
        return decision.allowsServing() ? InferenceServer.replicas(model) : 0;
    }

    /** Policy selection: spec.policyRef, else the namespace label, else ModelPolicy "default", else built-in. */
    static ModelGate evaluate(OpenModel model, java.util.function.Function<String, Optional<ModelPolicy>> policies, Optional<String> fromNamespace) {
        ModelFacts facts;
        try {
            facts = ModelAssessor.facts(model.getMetadata().getName(), model.getSpec());
        } catch (RuntimeException | StackOverflowError e) {
            // The core is built never to throw; if it ever does, the model is refused with the reason, never left without a status.
            facts = ModelAssessor.unassessed(model.getMetadata().getName());
            return new ModelGate(facts, new PolicyDecision("built-in", true, List.of(new Violation("assessment",
                    "the model could not be assessed (" + Escape.text(String.valueOf(e), 300) + "); it is refused until it can be"))));
        }
        String named = model.getSpec().policyRef != null ? model.getSpec().policyRef.name : fromNamespace.orElse(null);
        String source = model.getSpec().policyRef != null ? "spec.policyRef" : "namespace label " + POLICY_LABEL;
        if (named != null) {
            Optional<ModelPolicy> policy = policies.apply(named);
            if (policy.isEmpty()) {
                // A named policy that does not exist must not silently fall back to a laxer one.
                return new ModelGate(facts, new PolicyDecision(named, true,
                        List.of(new Violation("policy", "ModelPolicy " + named + " (from " + source + ") does not exist"))));
            }
            return new ModelGate(facts, PolicyEngine.decide(facts, PolicyRules.from(named, policy.get().getSpec())));
        }
        PolicyRules rules = policies.apply(DEFAULT_POLICY).map(p -> PolicyRules.from(DEFAULT_POLICY, p.getSpec())).orElse(PolicyRules.builtIn());
        return new ModelGate(facts, PolicyEngine.decide(facts, rules));
    }
}
