package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.InferenceServer;
import dev.openmodel.serving.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service in front of the inference server, on the engine's port. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = TrimmedStore.OwnApplyOnly.class))
public class ServiceDependent extends ModelNamedDependent<Service> {

    public ServiceDependent() {
        super(Service.class);
    }

    /** All the render reads besides the model's name: its spec (its generation says when that changed) and its uid (the owner reference). */
    record Inputs(String uid, Long generation) {
    }

    @Override
    protected Service desired(OpenModel model, Context<OpenModel> context) {
        return InferenceServer.service(model);
    }

    @Override
    protected Object inputs(OpenModel model, Context<OpenModel> context) {
        return new Inputs(model.getMetadata().getUid(), model.getMetadata().getGeneration());
    }
}
