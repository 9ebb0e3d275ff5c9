package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.InferenceServer;
import dev.openmodel.serving.Labels;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The Service in front of the inference server, on the engine's port. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = TrimmedStore.OwnApplyOnly.class))
public class ServiceDependent extends CRUDKubernetesDependentResource<Service, OpenModel> {

    public ServiceDependent() {
        super(Service.class);
    }

    @Override
    protected Service desired(OpenModel model, Context<OpenModel> context) {
        return InferenceServer.service(model);
    }

    /**
     * The Service has its model's name and namespace. The SDK's default renders the whole desired
     * Service to learn that, on every reconcile: 8.6% of the operator's CPU in a 1000-model rollout (JFR).
     */
    @Override
    protected ResourceID targetSecondaryResourceID(OpenModel model, Context<OpenModel> context) {
        return ResourceID.fromResource(model);
    }
}
