package dev.openmodel.testing;

import dev.openmodel.reconciler.ConformanceReportReconciler;
import dev.openmodel.reconciler.OpenModelReconciler;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The OpenModel reconciler run in the test JVM by plain java-operator-sdk, watching one
 * namespace, so a test can stop and restart "the operator" at will.
 */
public final class TestOperator implements AutoCloseable {
    private final Operator operator;
    private final AtomicInteger reconciles = new AtomicInteger();

    private TestOperator(KubernetesClient client, String namespace, Duration resync) {
        this(client, namespace, resync, false);
    }

    private TestOperator(KubernetesClient client, String namespace, Duration resync, boolean conformance) {
        Metrics counting = new Metrics() {
            @Override
            public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
                reconciles.incrementAndGet();
            }
        };
        if (conformance) {
            ConformanceReportReconciler.ensure(client);
        }
        operator = startOnceMore(client, namespace, resync, conformance, counting);
    }

    /**
     * The tests' shared client can reuse a keep-alive connection the API server has just closed. The
     * client retries a request only on an IOException, and Vert.x reports this as its own
     * HttpClosedException, so an informer's first list failed and the start with it (CI at cbf1803,
     * ConformanceReportIT). That is the harness's connection, not the behaviour under test: once more.
     */
    private static Operator startOnceMore(KubernetesClient client, String namespace, Duration resync, boolean conformance, Metrics counting) {
        try {
            return start(client, namespace, resync, conformance, counting);
        } catch (io.javaoperatorsdk.operator.OperatorException e) {
            if (!closedConnection(e)) {
                throw e;
            }
            return start(client, namespace, resync, conformance, counting);
        }
    }

    private static Operator start(KubernetesClient client, String namespace, Duration resync, boolean conformance, Metrics counting) {
        Operator operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withMetrics(counting)
                .withStopOnInformerErrorDuringStartup(true));
        operator.register(new OpenModelReconciler(), c -> c.settingNamespaces(namespace).withReconciliationMaxInterval(resync));
        if (conformance) {
            operator.register(new ConformanceReportReconciler());
        }
        try {
            operator.start();
            return operator;
        } catch (RuntimeException e) {
            try {
                operator.stop();
            } catch (RuntimeException stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
    }

    private static boolean closedConnection(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException) {
                return true;
            }
        }
        return false;
    }

    public static TestOperator start(KubernetesClient client, String namespace) {
        return new TestOperator(client, namespace, Duration.ofMinutes(10));
    }

    /** The operator with the ConformanceReport reconciler as well (cluster-wide reads). */
    public static TestOperator startWithConformance(KubernetesClient client, String namespace) {
        return new TestOperator(client, namespace, Duration.ofMinutes(10), true);
    }

    /** An operator that reconciles every model at least every {@code resync}, to observe steady state. */
    public static TestOperator startWithResync(KubernetesClient client, String namespace, Duration resync) {
        return new TestOperator(client, namespace, resync);
    }

    /** Reconciliations finished so far. */
    public int reconciles() {
        return reconciles.get();
    }

    @Override
    public void close() {
        operator.stop();
    }
}
