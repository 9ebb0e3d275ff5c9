package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.DraClaim;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** A model gets a ResourceClaimTemplate when it asks for a DeviceClass and may be served. */
public class DraRequested implements Condition<Object, OpenModel> {
    @Override
    public boolean isMet(DependentResource<Object, OpenModel> dependent, OpenModel model, Context<OpenModel> context) {
        if (!DraClaim.requested(model)) {
            return false;
        }
        return dependent.getSecondaryResource(model, context).isPresent() || ModelGate.of(model, context).decision().allowsServing();
    }
}
