package dev.openmodel.reconciler;

import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator SDK's Micrometer metrics per controller, not per resource. The SDK's default in
 * Quarkus keeps about 80 series and a 69-bucket histogram for every OpenModel (a 21 MB
 * {@code /q/metrics} with 1000 models, and heap to match); per-model state is what
 * {@code openmodel_models{reason=...}} and status are for.
 */
@Singleton
public class OperatorMetrics {
    @Produces
    @Singleton
    Metrics metrics(MeterRegistry registry) {
        return MicrometerMetrics.withoutPerResourceMetrics(registry);
    }
}
