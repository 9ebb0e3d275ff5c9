package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Readers outside the OpenModel controller get its models only once its informers hold them all. */
class ModelCacheTest {
    @AfterEach
    void forget() {
        ModelCache.use(null);
    }

    @Test
    void nothingBeforeAControllerHasACache() {
        assertThat(ModelCache.synced()).isEmpty();
    }

    @Test
    void nothingWhileAnInformerIsStillListingOrOnceItStopped() {
        ModelCache.use(cache(Map.of()));
        assertThat(ModelCache.synced()).as("no informer yet").isEmpty();
        ModelCache.use(cache(Map.of("ns-a", informer(true, true), "ns-b", informer(true, false))));
        assertThat(ModelCache.synced()).as("one namespace's informer still listing").isEmpty();
        ModelCache.use(cache(Map.of("ns-a", informer(false, true))));
        assertThat(ModelCache.synced()).as("stopped").isEmpty();
    }

    @Test
    void theModelsOnceEveryInformerHasSynced() {
        ModelCache.use(cache(Map.of("ns-a", informer(true, true), "ns-b", informer(true, true))));
        assertThat(ModelCache.synced()).hasValueSatisfying(models -> assertThat(models).hasSize(2));
    }

    /** The primary cache as the SDK hands it over: a cache that is also its informers' health. */
    @SuppressWarnings("unchecked")
    static IndexerResourceCache<OpenModel> cache(Map<String, InformerHealthIndicator> informers) {
        return (IndexerResourceCache<OpenModel>) Proxy.newProxyInstance(ModelCacheTest.class.getClassLoader(),
                new Class<?>[] {IndexerResourceCache.class, InformerWrappingEventSourceHealthIndicator.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "informerHealthIndicators" -> informers;
                    case "list" -> Stream.of(new OpenModel(), new OpenModel());
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static InformerHealthIndicator informer(boolean running, boolean synced) {
        return new InformerHealthIndicator() {
            @Override
            public boolean hasSynced() {
                return synced;
            }

            @Override
            public boolean isWatching() {
                return running;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public Status getStatus() {
                return running && synced ? Status.HEALTHY : Status.UNHEALTHY;
            }

            @Override
            public String getTargetNamespace() {
                return null;
            }
        };
    }
}
