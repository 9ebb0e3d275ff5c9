package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.serving.InferenceServer;
import dev.openmodel.serving.Labels;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;

/** The inference server's Deployment, server-side applied and owned by its OpenModel. */
@KubernetesDependent(informer = @Informer(labelSelector = Labels.MANAGED_SELECTOR, itemStore = TrimmedStore.OwnApplyOnly.class,
        informerListLimit = TrimmedStore.LIST_PAGE, onUpdateFilter = DeploymentChanges.class))
public class DeploymentDependent extends ModelNamedDependent<Deployment> {

    public DeploymentDependent() {
        super(Deployment.class);
    }

    /**
     * All the render reads: the model's spec (its generation says when that changed; its name is
     * the memo's key and its uid goes into the owner reference) and what the gate made of it.
     */
    record Inputs(String uid, Long generation, int replicas, String revision, long minDeviceMiB) {
        static Inputs of(OpenModel model, Context<OpenModel> context) {
            // Refused under Enforce: scale to zero, keep the Deployment (and its history).
            ModelGate gate = ModelGate.of(model, context);
            var source = gate.facts().source();
            // An unpinned source is served at the revision that was verified, on every replica.
            return new Inputs(model.getMetadata().getUid(), model.getMetadata().getGeneration(), gate.desiredReplicas(model),
                    source == null ? null : source.resolvedRevision(), gate.minDeviceMiB());
        }
    }

    @Override
    protected Deployment desired(OpenModel model, Context<OpenModel> context) {
        Inputs in = Inputs.of(model, context);
        return InferenceServer.deployment(model, in.replicas(), in.revision(), in.minDeviceMiB());
    }

    @Override
    protected Object inputs(OpenModel model, Context<OpenModel> context) {
        return Inputs.of(model, context);
    }
}
