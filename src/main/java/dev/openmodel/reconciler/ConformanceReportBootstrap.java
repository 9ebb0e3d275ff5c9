package dev.openmodel.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * At start-up, the packaged operator creates the ConformanceReport "cluster" if it does not exist.
 * On its own thread: the read and create are not on the path to the first reconcile of a model
 * (on the main thread they held up the operator's start by the client's first TLS handshake and
 * round trips, about 0.3 s of CPU in an async-profiler profile of the start).
 */
@ApplicationScoped
public class ConformanceReportBootstrap {
    private static final Logger LOG = Logger.getLogger(ConformanceReportBootstrap.class);

    @Inject
    KubernetesClient client;

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::ensure, "conformance-report-bootstrap");
        thread.setDaemon(true);
        thread.start();
    }

    private void ensure() {
        try {
            ConformanceReportReconciler.ensure(client);
        } catch (RuntimeException e) {
            LOG.warnf("could not create the ConformanceReport 'cluster' (%s); it is created on the next start", e.getMessage());
        }
    }
}
