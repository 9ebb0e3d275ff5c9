package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.openmodel.testing.LocalCluster;
import dev.openmodel.testing.Models;
import dev.openmodel.testing.PackagedOperator;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two packaged operators on one cluster: one holds the Lease and reconciles, the other waits;
 * kill -9 the leader and the other takes over, and models keep being served.
 */
class LeaderElectionIT {
    @RegisterExtension
    static LocalCluster cluster = new LocalCluster();

    static final java.util.Map<String, PackagedOperator> operators = new java.util.LinkedHashMap<>();

    static Process start(String identity) {
        PackagedOperator operator = PackagedOperator.start(cluster.namespace(), identity);
        operators.put(identity, operator);
        return operator.process();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        for (PackagedOperator operator : operators.values()) {
            operator.close();
        }
    }

    static String holder(KubernetesClient client) {
        Lease lease = client.leases().inNamespace(cluster.namespace()).withName(LeaderElection.LEASE).get();
        return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
    }

    @Test
    void onlyTheLeaderReconcilesAndTheOtherTakesOverAfterKillNine() throws Exception {
        KubernetesClient client = LocalCluster.client();
        Models models = new Models(client, cluster.namespace());
        Process a = start("operator-a");
        Process b = start("operator-b");
        await().atMost(Duration.ofSeconds(90)).until(() -> holder(client) != null);
        String leader = holder(client);
        assertThat(leader).isIn("operator-a", "operator-b");

        assertThat(cluster.kubectl(OpenModelIT.manifest("before", "count: 1"), "apply", "-f", "-").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("before"));
        // One writer: the Ready event is recorded once, not once per replica.
        await().atMost(Duration.ofSeconds(10)).until(() -> readyEvents(client, "before") == 1);

        Process killed = leader.equals("operator-a") ? a : b;
        long start = System.nanoTime();
        killed.destroyForcibly(); // SIGKILL: no lease release
        killed.waitFor();
        await().atMost(Duration.ofSeconds(90)).until(() -> holder(client) != null && !leader.equals(holder(client)));
        long takeover = (System.nanoTime() - start) / 1_000_000;

        assertThat(cluster.kubectl(OpenModelIT.manifest("after", "count: 1"), "apply", "-f", "-").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(90)).until(() -> models.isReady("after"));
        assertThat(readyEvents(client, "before")).as("nothing announced twice").isEqualTo(1);
        System.out.printf("leader election: %s killed, %s took over the Lease after %d ms%n", leader, holder(client), takeover);

        // A leader that stops gracefully (a rollout, a drain) hands the Lease back: the follower
        // takes over within its retry period, not after the whole 15 s lease duration.
        String second = holder(client);
        Process follower = start("operator-c");
        await().atMost(Duration.ofSeconds(60)).until(() -> holder(client) != null && holder(client).equals(second));
        // The follower has started and is polling the Lease: it has seen who leads.
        await().atMost(Duration.ofSeconds(60)).until(() -> operators.get("operator-c").log().contains("New leader with identity: " + second));
        Process stopping = second.equals("operator-a") ? a : b;
        long stopStart = System.nanoTime();
        stopping.destroy();
        assertThat(stopping.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> "operator-c".equals(holder(client)));
        long handover = (System.nanoTime() - stopStart) / 1_000_000;
        assertThat(handover).as("handover after a graceful stop, ms").isLessThan(10_000);
        assertThat(follower.isAlive()).isTrue();
        System.out.printf("leader election: %s stopped (SIGTERM), operator-c took over the Lease after %d ms%n", second, handover);
    }

    private static long readyEvents(KubernetesClient client, String model) {
        return client.events().v1().events().inNamespace(cluster.namespace()).list().getItems().stream()
                .filter(e -> "Ready".equals(e.getReason()) && e.getRegarding() != null && model.equals(e.getRegarding().getName())).count();
    }
}
