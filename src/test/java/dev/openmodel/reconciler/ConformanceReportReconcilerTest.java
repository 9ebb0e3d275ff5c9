package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.conformance.ClusterEvidence;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import dev.openmodel.conformance.ClusterObserver;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ConformanceReportReconcilerTest {
    static ClusterEvidence discovery(String... groupVersions) {
        Map<String, Set<String>> served = Stream.of(groupVersions).collect(Collectors.toMap(gv -> gv, gv -> Set.of()));
        return new ClusterEvidence("v1.35.0", served, List.of(), Set.of(), 0, 0);
    }

    static final String GATEWAY = "gateway.networking.k8s.io/v1";

    @Test
    void aRemovedCrdStillInDiscoveryIsLookedAtAgainUntilDiscoveryDropsIt() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        assertThat(r.discoveryLags(Set.of(GATEWAY), discovery(GATEWAY))).isFalse();
        assertThat(r.discoveryLags(Set.of(), discovery(GATEWAY))).as("CRD gone, discovery not yet").isTrue();
        assertThat(r.discoveryLags(Set.of(), discovery(GATEWAY))).isTrue();
        assertThat(r.discoveryLags(Set.of(), discovery())).isFalse();
        assertThat(r.discoveryLags(Set.of(), discovery())).isFalse();
    }

    @Test
    void anEstablishedCrdNotYetInDiscoveryIsLookedAtAgain() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        assertThat(r.discoveryLags(Set.of(GATEWAY), discovery())).isTrue();
        assertThat(r.discoveryLags(Set.of(GATEWAY), discovery(GATEWAY))).isFalse();
    }

    @Test
    void discoveryThatNeverAgreesStopsTheQuickLooksAfterTheirBudget() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        int looks = 0;
        while (r.discoveryLags(Set.of(GATEWAY), discovery()) && looks < 1000) {
            looks++;
        }
        assertThat(looks).isEqualTo(ConformanceReportReconciler.SETTLE_ATTEMPTS);
    }

    static CustomResourceDefinition crd(String group, boolean established, boolean deleting, String... versions) {
        var b = new CustomResourceDefinitionBuilder().withNewMetadata().withName("x." + group)
                .withDeletionTimestamp(deleting ? "2026-11-23T00:00:00Z" : null).endMetadata()
                .withNewSpec().withGroup(group);
        for (String v : versions) {
            b = b.addNewVersion().withName(v).withServed(true).withStorage(true).endVersion();
        }
        return b.endSpec().withNewStatus().addNewCondition().withType("Established").withStatus(established ? "True" : "False").endCondition()
                .endStatus().build();
    }

    @Test
    void onlyEstablishedCrdsOfWatchedGroupsThatAreNotBeingDeletedCount() {
        assertThat(ClusterObserver.crdGroupVersions(List.of(
                crd("gateway.networking.k8s.io", true, false, "v1", "v1beta1"),
                crd("kueue.x-k8s.io", false, false, "v1beta1"),
                crd("inference.networking.k8s.io", true, true, "v1"),
                crd("example.com", true, false, "v1"))))
                .containsExactly("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1");
    }
}
