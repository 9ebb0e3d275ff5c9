package dev.openmodel.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** At start-up, the packaged operator creates the ConformanceReport "cluster" if it does not exist. */
@ApplicationScoped
public class ConformanceReportBootstrap {
    private static final Logger LOG = Logger.getLogger(ConformanceReportBootstrap.class);

    @Inject
    KubernetesClient client;

    void onStart(@Observes StartupEvent event) {
        try {
            ConformanceReportReconciler.ensure(client);
        } catch (RuntimeException e) {
            LOG.warnf("could not create the ConformanceReport 'cluster' (%s); it is created on the next start", e.getMessage());
        }
    }
}
