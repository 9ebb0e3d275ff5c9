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

/** Readers outside the OpenModel controller: the synced read only once its informers hold every model, any read once they started. */
class ModelCacheTest {
    @AfterEach
    void forget() {
        ModelCache.use(null);
    }

    @Test
    void nothingBeforeAControllerHasACache() {
        assertThat(ModelCache.readSynced(Stream::count)).isEmpty();
    }

    @Test
    void nothingWhileAnInformerIsStillListingOrOnceItStopped() {
        ModelCache.use(cache(Map.of()));
        assertThat(ModelCache.readSynced(Stream::count)).as("no informer yet").isEmpty();
        ModelCache.use(cache(Map.of("ns-a", informer(true, true), "ns-b", informer(true, false))));
        assertThat(ModelCache.readSynced(Stream::count)).as("one namespace's informer still listing").isEmpty();
        ModelCache.use(cache(Map.of("ns-a", informer(false, true))));
        assertThat(ModelCache.readSynced(Stream::count)).as("stopped").isEmpty();
    }

    @Test
    void theModelsOnceEveryInformerHasSynced() {
        ModelCache.use(cache(Map.of("ns-a", informer(true, true), "ns-b", informer(true, true))));
        assertThat(ModelCache.readSynced(Stream::count)).hasValue(2L);
    }

    @Test
    void aReaderNotWaitingForTheFirstListGetsWhatIsCachedSoFarOnceTheInformersStarted() {
        assertThat(ModelCache.read(Stream::count)).as("no cache").isEmpty();
        ModelCache.use(cache(null));
        assertThat(ModelCache.read(Stream::count)).as("informers not started: the cache cannot list").isEmpty();
        ModelCache.use(cache(Map.of("ns-a", informer(true, true), "ns-b", informer(true, false))));
        assertThat(ModelCache.read(Stream::count)).hasValue(2L);
    }

    /**
     * The primary cache as the SDK hands it over: a cache that is also its informers' health. With
     * no informers (null) it is one not started, and listing it throws as the SDK's does.
     */
    @SuppressWarnings("unchecked")
    static IndexerResourceCache<OpenModel> cache(Map<String, InformerHealthIndicator> informers) {
        return (IndexerResourceCache<OpenModel>) Proxy.newProxyInstance(ModelCacheTest.class.getClassLoader(),
                new Class<?>[] {IndexerResourceCache.class, InformerWrappingEventSourceHealthIndicator.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "informerHealthIndicators" -> informers;
                    case "list" -> {
                        if (informers == null) {
                            throw new NullPointerException("not started");
                        }
                        yield Stream.of(new OpenModel(), new OpenModel());
                    }
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
