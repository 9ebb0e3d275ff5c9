package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
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

    /**
     * What the reader makes of the cached models, however far the informers' first list has come;
     * empty with no cache, or before its informers started.
     */
    static <R> Optional<R> read(Function<Stream<OpenModel>, R> reader) {
        return read(cache, reader);
    }

    /**
     * What the reader makes of the cached models once the cache holds every model: its informers
     * have finished their first list and are running. Empty before (both controllers start at once,
     * and the OpenModels may still be being listed) and after the controller stopped.
     */
    static <R> Optional<R> readSynced(Function<Stream<OpenModel>, R> reader) {
        IndexerResourceCache<OpenModel> c = cache;
        return synced(c) ? read(c, reader) : Optional.empty(); // no cache: read's empty
    }

    private static <R> Optional<R> read(IndexerResourceCache<OpenModel> c, Function<Stream<OpenModel>, R> reader) {
        if (c == null) {
            return Optional.empty();
        }
        Stream<OpenModel> models;
        try {
            models = c.list(); // throws before the informers started (JOSDK 5.2: the manager is made at start)
        } catch (RuntimeException notStarted) {
            return Optional.empty();
        }
        return Optional.of(reader.apply(models));
    }

    private static boolean synced(IndexerResourceCache<OpenModel> c) {
        if (!(c instanceof InformerWrappingEventSourceHealthIndicator<?> health)) {
            return true; // a cache that is not an informer's (a test's) is as full as it will be
        }
        Map<String, InformerHealthIndicator> informers = health.informerHealthIndicators();
        return !informers.isEmpty() && informers.values().stream().allMatch(i -> i.isRunning() && i.hasSynced());
    }
}
