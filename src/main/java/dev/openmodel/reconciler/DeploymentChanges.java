package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;

/**
 * Passes on the Deployment updates that can change a model's status or need the Deployment
 * applied again ({@link ServingObservation#mattersToStatusOrApply}); the Deployment controller's
 * progress reports in between are not reconciled.
 */
public class DeploymentChanges implements OnUpdateFilter<Deployment> {
    @Override
    public boolean accept(Deployment now, Deployment before) {
        return ServingObservation.mattersToStatusOrApply(now, before);
    }
}
