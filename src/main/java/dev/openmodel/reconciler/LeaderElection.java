package dev.openmodel.reconciler;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Leader election for running two or more operator replicas: only the holder of the Lease
 * "openmodel-operator" reconciles; the others wait and take over when it stops renewing. The
 * Lease lives in the operator's namespace (POD_NAMESPACE, from the downward API), else in
 * openmodel.leader-election.namespace. Active in the prod profile (the packaged operator).
 */
@ApplicationScoped
public class LeaderElection {
    public static final String LEASE = "openmodel-operator";

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(@ConfigProperty(name = "openmodel.leader-election.namespace") java.util.Optional<String> configured) {
        // An empty default is no value to MicroProfile Config: the setting is optional.
        String namespace = configured.filter(s -> !s.isBlank()).orElse(System.getenv().getOrDefault("POD_NAMESPACE", "default"));
        // The pod name (HOSTNAME) tells replicas apart; outside a pod, a random identity does.
        String identity = System.getenv().getOrDefault("HOSTNAME", "openmodel-" + java.util.UUID.randomUUID());
        return new LeaderElectionConfiguration(LEASE, namespace, identity);
    }
}
