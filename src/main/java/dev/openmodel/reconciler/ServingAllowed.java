package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Whether a dependent is applied: always when the policy allows serving; when it refuses,
 * only to scale down what already runs. A refused model never gets new objects, and the
 * operator never deletes them either (the Service is kept for when the model comes back).
 */
public class ServingAllowed implements Condition<Object, OpenModel> {
    @Override
    public boolean isMet(DependentResource<Object, OpenModel> dependent, OpenModel model, Context<OpenModel> context) {
        return ModelGate.of(model, context).decision().allowsServing() || dependent.getSecondaryResource(model, context).isPresent();
    }
}
