package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Leader election for running two or more operator replicas: only the holder of the Lease
 * "openmodel-operator" reconciles; the others wait and take over when it stops renewing. The
 * Lease lives in the operator's namespace (POD_NAMESPACE, from the downward API), else in
 * openmodel.leader-election.namespace. Active in the prod profile (the packaged operator).
 *
 * <p>A leader that loses the Lease while running halts at once, so two replicas never reconcile
 * together. One that gives it up because it is shutting down just finishes shutting down: the
 * SDK's own exit-on-stop-leading calls System.exit from the shutdown hook, which never returns.
 */
@ApplicationScoped
public class LeaderElection {
    public static final String LEASE = "openmodel-operator";
    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static volatile boolean shuttingDown;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shuttingDown = true, "openmodel-leader-shutdown-flag"));
    }

    @Inject
    KubernetesClient client;
    private volatile String leaseNamespace;
    private volatile String identity;
    /** Set when this process became the leader: only a leader has a Lease to give back. */
    private volatile boolean leading;

    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        shuttingDown = true;
    }

    /**
     * After the operator has stopped (observers run in priority order; the SDK stops at the default
     * priority), hand the Lease back as client-go's ReleaseOnCancel does: the SDK does not, so a
     * replacement pod would wait out the whole lease duration (15 s) before reconciling.
     */
    void releaseLease(@Observes @Priority(Integer.MAX_VALUE - 1) ShutdownEvent event) {
        String namespace = leaseNamespace;
        String self = identity;
        if (!leading || namespace == null || self == null || client == null) {
            return;
        }
        // The SDK closes the shared client when it stops: a short-lived one with the same configuration.
        try (KubernetesClient own = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(client.getConfiguration()).build()) {
            Lease lease = own.leases().inNamespace(namespace).withName(LEASE).get();
            if (lease == null || lease.getSpec() == null || !self.equals(lease.getSpec().getHolderIdentity())) {
                return; // not ours to give back
            }
            lease.getSpec().setHolderIdentity("");
            lease.getSpec().setLeaseDurationSeconds(1);
            lease.getSpec().setRenewTime(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).minusSeconds(2));
            own.resource(lease).update(); // optimistic: fails if someone else wrote it meanwhile
            LOG.infof("released the Lease %s/%s", namespace, LEASE);
        } catch (RuntimeException e) {
            LOG.warnf("could not release the Lease %s/%s (a new leader takes over when it expires): %s", namespace, LEASE, e.getMessage());
        }
    }

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(@ConfigProperty(name = "openmodel.leader-election.namespace") Optional<String> configured) {
        // An empty default is no value to MicroProfile Config: the setting is optional.
        String namespace = configured.filter(s -> !s.isBlank()).orElse(System.getenv().getOrDefault("POD_NAMESPACE", "default"));
        // The pod name (HOSTNAME) tells replicas apart; outside a pod, a random identity does.
        String identity = System.getenv().getOrDefault("HOSTNAME", "openmodel-" + java.util.UUID.randomUUID());
        this.leaseNamespace = namespace;
        this.identity = identity;
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> leading = true, () -> {
            if (!shuttingDown) {
                LOG.errorf("lost the Lease %s/%s as %s while running: halting so that only the new leader reconciles", namespace, LEASE, identity);
                Runtime.getRuntime().halt(1);
            }
        }, leader -> {
        });
        return new LeaderElectionConfiguration(LEASE, namespace, LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE, LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE, identity, callbacks,
                false);
    }
}
