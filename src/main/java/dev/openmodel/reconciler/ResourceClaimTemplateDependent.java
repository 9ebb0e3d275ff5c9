package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.DraClaim;
import dev.openmodel.serving.Labels;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.GenericKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The ResourceClaimTemplate (resource.k8s.io/v1) of a model whose accelerators come through DRA, owned by its OpenModel. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR))
public class ResourceClaimTemplateDependent extends GenericKubernetesDependentResource<OpenModel> implements Creator<GenericKubernetesResource, OpenModel>, Updater<GenericKubernetesResource, OpenModel>, GarbageCollected<OpenModel> {

    public ResourceClaimTemplateDependent() {
        super(new GroupVersionKind("resource.k8s.io", "v1", DraClaim.KIND));
    }

    /** Owned through its ownerReference: Kubernetes deletes it with the model. */
    @Override
    public void delete(OpenModel primary, Context<OpenModel> context) {
    }

    @Override
    protected GenericKubernetesResource desired(OpenModel model, Context<OpenModel> context) {
        return DraClaim.template(model);
    }
}
