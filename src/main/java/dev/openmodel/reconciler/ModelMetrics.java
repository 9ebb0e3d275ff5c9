package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.license.LicenseCategory;
import io.fabric8.kubernetes.api.model.Condition;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.List;
import java.util.function.Predicate;

/**
 * Prometheus gauges of how many OpenModels are in which state, counted from the operator's
 * informer cache when scraped: no series per model, nothing to clean up when models go.
 * <pre>
 * openmodel_models{reason="Ready"}            models by the reason of their Ready condition
 * openmodel_models_license{category="..."}    by license category
 * openmodel_models_openness{mof_class="..."}  by Model Openness Framework class
 * openmodel_models_policy{compliant="true"}   by PolicyCompliant
 * </pre>
 */
final class ModelMetrics {
    static final List<String> READY_REASONS = List.of("Ready", "PolicyViolation", "NameConflict", "ReconcileError", "Unschedulable",
            "Pending", "Creating", "ReplicasNotReady", "ContainerFailing", "ScaledToZero", "Unknown");
    static final List<String> MOF_CLASSES = List.of("ClassI", "ClassII", "ClassIII", "Unclassified");

    private static volatile IndexerResourceCache<OpenModel> models;
    private static MeterRegistry registeredWith;

    private ModelMetrics() {
    }

    /** Counts from this cache from now on; registers the gauges once per registry. */
    static synchronized void countFrom(IndexerResourceCache<OpenModel> cache, MeterRegistry registry) {
        models = cache;
        if (registeredWith == registry) {
            return;
        }
        registeredWith = registry;
        for (String reason : READY_REASONS) {
            gauge(registry, "openmodel.models", "OpenModels by the reason of their Ready condition", "reason", reason,
                    m -> reason.equals(readyReason(m)));
        }
        for (LicenseCategory category : LicenseCategory.values()) {
            gauge(registry, "openmodel.models.license", "OpenModels by license category", "category", category.id(),
                    m -> m.getStatus() != null && m.getStatus().license != null && category.id().equals(m.getStatus().license.category));
        }
        for (String mofClass : MOF_CLASSES) {
            gauge(registry, "openmodel.models.openness", "OpenModels by Model Openness Framework class", "mof_class", mofClass,
                    m -> m.getStatus() != null && m.getStatus().openness != null && mofClass.equals(m.getStatus().openness.mofClass));
        }
        for (String compliant : List.of("true", "false")) {
            gauge(registry, "openmodel.models.policy", "OpenModels by PolicyCompliant", "compliant", compliant,
                    m -> m.getStatus() != null && Conditions.find(m.getStatus().conditions, Conditions.POLICY_COMPLIANT)
                            .map(c -> compliant.equals(String.valueOf(Conditions.TRUE.equals(c.getStatus())))).orElse(false));
        }
    }

    private static void gauge(MeterRegistry registry, String name, String description, String tag, String value, Predicate<OpenModel> counted) {
        Gauge.builder(name, () -> {
            IndexerResourceCache<OpenModel> cache = models;
            if (cache == null) {
                return 0;
            }
            try {
                return cache.list().filter(counted).count();
            } catch (RuntimeException notStarted) {
                return Double.NaN; // scraped before the informers started: unknown, not zero (and no warning in the log)
            }
        }).description(description).tag(tag, value).register(registry);
    }

    static String readyReason(OpenModel model) {
        return model.getStatus() == null ? "Unknown"
                : Conditions.find(model.getStatus().conditions, Conditions.READY).map(Condition::getReason).orElse("Unknown");
    }
}
