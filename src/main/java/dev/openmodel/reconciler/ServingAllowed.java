package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Whether a dependent is applied: when the policy allows serving; when it refuses, only to keep
 * what a served model has (its Deployment is scaled to zero, and its Service, which the
 * Deployment depends on, kept for when the model comes back). A model refused before it was
 * served gets no objects, and the operator never deletes them either.
 */
public class ServingAllowed implements Condition<Object, OpenModel> {
    @Override
    public boolean isMet(DependentResource<Object, OpenModel> dependent, OpenModel model, Context<OpenModel> context) {
        if (dependent.getSecondaryResource(model, context).isPresent() || ModelNamedDependent.of(model, context, Deployment.class).isPresent()) {
            return true;
        }
        return ModelGate.of(model, context).decision().allowsServing();
    }
}
