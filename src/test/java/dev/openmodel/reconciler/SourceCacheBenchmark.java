package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.LicenseSpec;
import dev.openmodel.api.v1alpha1.ModelSource;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelSpec;
import dev.openmodel.source.HuggingFaceResolver;
import dev.openmodel.source.OciResolver;
import dev.openmodel.testing.FakeHub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * make bench: source resolution through the operator's cache, against a local Hub API server.
 * 1000 models share 50 sources; reports distinct reads, reads per second, and the cache hit
 * ratio over a first pass (reads in flight) and a second pass (a steady-state reconcile of all).
 */
public final class SourceCacheBenchmark {
    public static void main(String[] args) throws Exception {
        int models = Integer.getInteger("models", 1000);
        int sources = Integer.getInteger("sources", 50);
        try (FakeHub hub = FakeHub.start()) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            SourceCache cache = new SourceCache(new HuggingFaceResolver(hub.endpoint(), Duration.ofSeconds(10), 3, 8),
                    new OciResolver(Duration.ofSeconds(10), 3, 8), 4);
            CountDownLatch read = new CountDownLatch(sources);
            var announced = ConcurrentHashMap.<String>newKeySet();
            cache.connect(id -> {
                if (announced.add(id.getName().substring(0, id.getName().lastIndexOf('-')))) {
                    read.countDown();
                }
            }, null, registry);
            List<OpenModel> all = new ArrayList<>();
            for (int i = 0; i < models; i++) {
                all.add(model("m" + (i % sources) + "-" + i, "hf://bench/model-" + (i % sources)));
            }
            long start = System.nanoTime();
            all.forEach(cache::lookup);
            if (!read.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every source was read within 2 minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double firstHits = hits(registry);
            double firstLookups = lookups(registry);
            all.forEach(cache::lookup);
            double hits = hits(registry) - firstHits;
            double lookups = lookups(registry) - firstLookups;
            System.out.printf("source resolution: %d models on %d sources, %d distinct reads in %.2f s (%.0f reads/s, %d Hub requests)%n",
                    models, sources, sources, seconds, sources / seconds, hub.requests());
            System.out.printf("cache: first pass %d lookups made %d reads (%.1f%% shared a read in flight); steady state %.1f%% hits "
                    + "(%d of %d lookups answered from the cache)%n", (long) firstLookups, hub.requests(),
                    100 * (1 - hub.requests() / firstLookups), 100 * hits / lookups, (long) hits, (long) lookups);
        }
    }

    private static double hits(SimpleMeterRegistry r) {
        var c = r.find("openmodel.source.cache").tag("result", "hit").counter();
        return c == null ? 0 : c.count();
    }

    private static double lookups(SimpleMeterRegistry r) {
        return r.find("openmodel.source.cache").counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static OpenModel model(String name, String uri) {
        OpenModel m = new OpenModel();
        m.getMetadata().setName(name);
        m.getMetadata().setNamespace("bench");
        m.setSpec(new OpenModelSpec());
        m.getSpec().model = new ModelSource();
        m.getSpec().model.uri = uri;
        m.getSpec().license = new LicenseSpec();
        m.getSpec().license.id = "apache-2.0";
        return m;
    }
}
