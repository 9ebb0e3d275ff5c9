package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.source.HuggingFaceResolver;
import dev.openmodel.source.OciResolver;
import dev.openmodel.source.SourceFacts;
import dev.openmodel.source.SourceResolver;
import dev.openmodel.text.Escape;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What each model's source says, read off the reconcile threads. Keyed by source, revision and
 * credentials, so a thousand models sharing fifty sources read fifty. A lookup never blocks: it
 * answers from the cache (or from what status recorded, after a restart) and starts a read when
 * there is nothing fresh; when a read finishes, every model that waits on it is reconciled.
 * Verified pinned sources stay cached; an unpinned one is read again every ten minutes (a branch
 * moves); a failed read is cached for a minute (negative caching) and then tried again.
 */
public final class SourceCache {
    static final Duration UNPINNED_TTL = Duration.ofMinutes(10);
    static final Duration FAILED_TTL = Duration.ofMinutes(1);
    static final int MAX_ENTRIES = 20_000;

    record Key(String uri, String revision, String secretNamespace, String secretName, String secretKey) {
    }

    static final class Entry {
        volatile SourceFacts facts;
        volatile long freshUntil;
        final AtomicBoolean reading = new AtomicBoolean();
        final Set<ResourceID> users = ConcurrentHashMap.newKeySet();
    }

    private static volatile SourceCache shared;

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** One small pool per host: a host that hangs holds its own threads, never another host's. */
    private final Map<String, ExecutorService> pools = new ConcurrentHashMap<>();
    private final int threadsPerHost;
    private final HuggingFaceResolver huggingFace;
    private final SourceResolver oci;
    private volatile Consumer<ResourceID> onRead = id -> {
    };
    private volatile KubernetesClient client;
    private volatile MeterRegistry registry = Metrics.globalRegistry;

    SourceCache(HuggingFaceResolver huggingFace, SourceResolver oci, int threads) {
        this.huggingFace = huggingFace;
        this.oci = oci;
        this.threadsPerHost = threads;
    }

    /** The operator's cache: HF_ENDPOINT (or openmodel.hf.endpoint) for hf://, plain HTTPS registries for oci://. */
    public static SourceCache shared() {
        SourceCache c = shared;
        if (c == null) {
            synchronized (SourceCache.class) {
                if (shared == null) {
                    Duration timeout = Duration.ofSeconds(Long.getLong("openmodel.source.timeout-seconds", 10));
                    shared = new SourceCache(new HuggingFaceResolver(HuggingFaceResolver.endpointFromEnvironment(), timeout, 3, 8),
                            new OciResolver(timeout, 3, 8), 4);
                }
                c = shared;
            }
        }
        return c;
    }

    /** Forget everything (tests that change the endpoint). */
    static synchronized void reset() {
        shared = null;
    }

    /** Where finished reads are announced (the reconciler's inbound event source), and the client for token Secrets. */
    void connect(Consumer<ResourceID> onRead, KubernetesClient client, MeterRegistry registry) {
        this.onRead = onRead;
        this.client = client;
        if (registry != null) {
            this.registry = registry;
        }
    }

    /**
     * The facts for a model's source, or empty while the first read runs (the model is
     * reconciled again when it finishes). pvc:// and s3:// answer at once: they cannot be read.
     */
    Optional<SourceFacts> lookup(OpenModel model) {
        var source = model.getSpec().model;
        String uri = source.uri;
        if (uri.startsWith("pvc://") || uri.startsWith("s3://")) {
            return Optional.of(SourceFacts.unverifiable(uri.substring(0, uri.indexOf(':')) + ":// sources cannot be verified: OpenModel cannot read "
                    + (uri.startsWith("pvc://") ? "the volume" : "the bucket") + " itself"));
        }
        var ref = source.credentialsSecretRef;
        Key key = new Key(uri, source.revision, ref == null ? null : model.getMetadata().getNamespace(), ref == null ? null : ref.name,
                ref == null ? null : ref.key);
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        entry.users.add(ResourceID.fromResource(model));
        SourceFacts facts = entry.facts;
        long now = System.currentTimeMillis();
        if (facts != null && now < entry.freshUntil) {
            registry.counter("openmodel.source.cache", "result", "hit").increment();
            return Optional.of(facts);
        }
        registry.counter("openmodel.source.cache", "result", facts == null ? "miss" : "stale").increment();
        read(key, entry);
        if (facts == null) {
            facts = SourceStatuses.recorded(model); // what status says from before a restart: used until the new read is done
        }
        return Optional.ofNullable(facts);
    }

    private void read(Key key, Entry entry) {
        if (!entry.reading.compareAndSet(false, true)) {
            return; // one read per source at a time
        }
        if (entries.size() > MAX_ENTRIES) {
            entries.entrySet().removeIf(e -> e.getValue() != entry && !e.getValue().reading.get() && (e.getValue().facts == null
                    || !e.getValue().facts.verified()));
        }
        pool(host(key.uri())).execute(() -> {
            SourceFacts result;
            String scheme = key.uri().substring(0, Math.max(0, key.uri().indexOf(':')));
            Timer.Sample sample = Timer.start(registry);
            try {
                Token token = token(key);
                SourceResolver resolver = key.uri().startsWith("oci://") ? oci : huggingFace;
                result = resolver.resolve(key.uri(), key.revision(), token.value());
                if (!result.verified() && token.note() != null) {
                    result = SourceFacts.unverified(result.reason() + "; " + token.note());
                }
            } catch (RuntimeException e) {
                result = SourceFacts.unverified("reading the source failed: " + Escape.text(String.valueOf(e), 200));
            } finally {
                entry.reading.set(false);
            }
            sample.stop(registry.timer("openmodel.source.resolution.duration", "scheme", scheme));
            registry.counter("openmodel.source.resolutions", "scheme", scheme, "outcome", result.verification().name().toLowerCase()).increment();
            SourceFacts before = entry.facts;
            entry.facts = result;
            Duration ttl = !result.verified() ? FAILED_TTL : key.revision() == null && !key.uri().contains("@sha256:") ? UNPINNED_TTL : null;
            entry.freshUntil = ttl == null ? Long.MAX_VALUE : System.currentTimeMillis() + ttl.toMillis();
            if (!result.equals(before)) {
                entry.users.forEach(onRead);
            }
        });
    }

    private ExecutorService pool(String host) {
        return pools.computeIfAbsent(host, h -> Executors.newFixedThreadPool(threadsPerHost, r -> {
            Thread t = new Thread(r, "openmodel-source-" + h);
            t.setDaemon(true);
            return t;
        }));
    }

    /** The host a source is read from: the Hub endpoint for hf://, the registry for oci://. */
    private String host(String uri) {
        if (uri.startsWith("oci://")) {
            String rest = uri.substring("oci://".length());
            int slash = rest.indexOf('/');
            return slash < 0 ? rest : rest.substring(0, slash);
        }
        return java.net.URI.create(huggingFace.endpoint()).getAuthority();
    }

    record Token(String value, String note) {
    }

    /** The token from the model's credentials Secret, when RBAC lets the operator read it; never logged. */
    private Token token(Key key) {
        if (key.secretName() == null || client == null) {
            return new Token(null, null);
        }
        try {
            Secret secret = client.secrets().inNamespace(key.secretNamespace()).withName(key.secretName()).get();
            if (secret == null || secret.getData() == null || secret.getData().get(key.secretKey()) == null) {
                return new Token(null, "Secret " + key.secretName() + " (key " + key.secretKey() + ") was not found");
            }
            return new Token(new String(Base64.getDecoder().decode(secret.getData().get(key.secretKey())), StandardCharsets.UTF_8).strip(), null);
        } catch (KubernetesClientException e) {
            return new Token(null, e.getCode() == 403 ? "the operator may not read Secret " + key.secretName()
                    + " (grant it get on that Secret to verify gated models)" : "Secret " + key.secretName() + " could not be read (HTTP " + e.getCode() + ")");
        } catch (IllegalArgumentException e) {
            return new Token(null, "Secret " + key.secretName() + " key " + key.secretKey() + " is not valid base64");
        }
    }
}
