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
        operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false).withMetrics(counting)
                .withStopOnInformerErrorDuringStartup(true));
        operator.register(new OpenModelReconciler(), c -> c.settingNamespaces(namespace).withReconciliationMaxInterval(resync));
        if (conformance) {
            ConformanceReportReconciler.ensure(client);
            operator.register(new ConformanceReportReconciler());
        }
        operator.start();
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
