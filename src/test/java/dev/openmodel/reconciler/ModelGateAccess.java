package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import java.util.Optional;

/** Test access to the gate without a cluster: built-in policy, no namespace label. */
public final class ModelGateAccess {
    private ModelGateAccess() {
    }

    public static ModelGate evaluate(OpenModel model) {
        return ModelGate.evaluate(model, name -> Optional.empty(), Optional.empty());
    }
}
