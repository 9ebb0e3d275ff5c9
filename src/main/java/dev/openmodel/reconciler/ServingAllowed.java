package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Whether a dependent is applied: when the policy allows serving and no object of someone
 * else's holds the name; when the policy refuses, only to scale down what already runs. A
 * refused model never gets new objects, and the operator never deletes them either (the
 * Service is kept for when the model comes back).
 */
public class ServingAllowed implements Condition<Object, OpenModel> {
    @Override
    public boolean isMet(DependentResource<Object, OpenModel> dependent, OpenModel model, Context<OpenModel> context) {
        if (dependent.getSecondaryResource(model, context).isPresent()) {
            return true;
        }
        return ModelGate.of(model, context).decision().allowsServing() && !NameConflicts.of(model, context).any();
    }
}
