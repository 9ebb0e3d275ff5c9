package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The OpenModel controller's informer cache, for readers outside that controller: the metrics'
 * gauges and the ConformanceReport, which counts the models from it instead of listing every
 * OpenModel from the API server at each look (1000 models are about 5 MB of JSON, decoded whole).
 */
final class ModelCache {
    private static volatile IndexerResourceCache<OpenModel> cache;

    private ModelCache() {
    }

    /** The OpenModel controller's primary cache from now on (an operator started again replaces it). */
    static void use(IndexerResourceCache<OpenModel> primary) {
        cache = primary;
    }

    /** The cache, started or not; null before an OpenModel controller has prepared its event sources. */
    static IndexerResourceCache<OpenModel> current() {
        return cache;
    }

    /**
     * The cached models once the cache holds every model: its informers have finished their first
     * list and are running. Empty before (both controllers start at once, and the OpenModels may
     * still be being listed) and after the controller stopped.
     */
    static Optional<Stream<OpenModel>> synced() {
        IndexerResourceCache<OpenModel> c = cache;
        if (c == null || !synced(c)) {
            return Optional.empty();
        }
        try {
            return Optional.of(c.list());
        } catch (RuntimeException notStarted) {
            return Optional.empty();
        }
    }

    private static boolean synced(IndexerResourceCache<OpenModel> c) {
        if (!(c instanceof InformerWrappingEventSourceHealthIndicator<?> health)) {
            return true; // a cache that is not an informer's (a test's) is as full as it will be
        }
        Map<String, InformerHealthIndicator> informers = health.informerHealthIndicators();
        return !informers.isEmpty() && informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced());
    }
}
