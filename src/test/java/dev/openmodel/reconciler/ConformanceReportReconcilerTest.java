package dev.openmodel.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openmodel.conformance.ClusterEvidence;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import dev.openmodel.conformance.ClusterObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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

    /** The CRDs as established CRDs serving these group/versions, one CRD per group/version. */
    static ClusterObserver.CrdView crds(String... groupVersions) {
        return new ClusterObserver.CrdView(Set.of(groupVersions), Set.of(), Set.of(), Set.of(groupVersions));
    }

    @Test
    void aRemovedCrdStillInDiscoveryIsLookedAtAgainUntilDiscoveryDropsIt() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        assertThat(r.discoveryLags(crds(GATEWAY), discovery(GATEWAY))).isFalse();
        assertThat(r.discoveryLags(crds(), discovery(GATEWAY))).as("CRD gone, discovery not yet").isTrue();
        assertThat(r.discoveryLags(crds(), discovery(GATEWAY))).isTrue();
        assertThat(r.discoveryLags(crds(), discovery())).isFalse();
        assertThat(r.discoveryLags(crds(), discovery())).isFalse();
    }

    @Test
    void aCrdAddedAndRemovedBetweenTwoLooksIsStillLookedAtAgain() {
        // The first look ran before the CRD was established, the next after it was deleted; discovery still lists it.
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        assertThat(r.discoveryLags(crds(), discovery())).isFalse();
        assertThat(r.discoveryLags(crds(), discovery("kueue.x-k8s.io/v1beta1"))).isTrue();
        assertThat(r.discoveryLags(crds(), discovery())).isFalse();
    }

    @Test
    void builtInGroupsAndAggregatedApiServersNeedNoCrd() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        var aggregated = new ClusterObserver.CrdView(Set.of(), Set.of("monitoring.coreos.com/v1"), Set.of(), Set.of());
        assertThat(r.discoveryLags(aggregated, discovery("resource.k8s.io/v1", "autoscaling/v2", "monitoring.coreos.com/v1"))).isFalse();
    }

    @Test
    void anEstablishedCrdNotYetInDiscoveryIsLookedAtAgain() {
        ConformanceReportReconciler r = new ConformanceReportReconciler();
        assertThat(r.discoveryLags(crds(GATEWAY), discovery())).isTrue();
        assertThat(r.discoveryLags(crds(GATEWAY), discovery(GATEWAY))).isFalse();
    }

    /** A clock the test moves by hand. */
    static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-11-23T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void discoveryThatNeverAgreesStopsTheQuickLooksAfterTheWindow() {
        HandClock clock = new HandClock();
        ConformanceReportReconciler r = new ConformanceReportReconciler(clock);
        assertThat(r.discoveryLags(crds(GATEWAY), discovery())).isTrue();
        clock.now = clock.now.plus(ConformanceReportReconciler.SETTLE_WINDOW);
        assertThat(r.discoveryLags(crds(GATEWAY), discovery())).isTrue();
        clock.now = clock.now.plusSeconds(1);
        assertThat(r.discoveryLags(crds(GATEWAY), discovery())).as("window spent").isFalse();
        assertThat(r.discoveryLags(crds(GATEWAY), discovery())).isFalse();
    }

    @Test
    void manyLooksWhileCrdsKeepChangingDoNotSpendTheWindow() {
        // Installing then removing a project's CRDs: every CRD event is a look; none may use up the quick looks.
        HandClock clock = new HandClock();
        ConformanceReportReconciler r = new ConformanceReportReconciler(clock);
        for (int i = 0; i < 500; i++) {
            assertThat(r.discoveryLags(crds(GATEWAY), discovery())).isTrue();
        }
        clock.now = clock.now.plusSeconds(60);
        for (int i = 0; i < 500; i++) {
            assertThat(r.discoveryLags(crds(), discovery(GATEWAY))).as("CRDs changed: the window starts again").isTrue();
        }
        assertThat(r.discoveryLags(crds(), discovery())).isFalse();
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
    void aggregatedApiServicesAndCrdStatesAreSeen() {
        var apiService = new io.fabric8.kubernetes.api.model.APIServiceBuilder().withNewMetadata().withName("v1.monitoring.coreos.com").endMetadata()
                .withNewSpec().withGroup("monitoring.coreos.com").withVersion("v1").withNewService().withName("prom").withNamespace("m").endService()
                .endSpec().build();
        var local = new io.fabric8.kubernetes.api.model.APIServiceBuilder().withNewMetadata().withName("v1.gateway.networking.k8s.io").endMetadata()
                .withNewSpec().withGroup("gateway.networking.k8s.io").withVersion("v1").endSpec().build();
        var view = ClusterObserver.crdView(List.of(crd("gateway.networking.k8s.io", true, true, "v1")), List.of(apiService, local));
        assertThat(view.aggregated()).containsExactly("monitoring.coreos.com/v1");
        assertThat(view.groupVersions()).isEmpty();
        assertThat(view.removing()).containsExactly("gateway.networking.k8s.io/v1");
        assertThat(view.objects()).containsExactly("x.gateway.networking.k8s.io deleting established");
    }

    @Test
    void aGroupVersionStillServedByAnotherCrdIsNotBeingRemoved() {
        var view = ClusterObserver.crdView(List.of(crd("gateway.networking.k8s.io", true, true, "v1", "v1beta1"),
                crd("gateway.networking.k8s.io", true, false, "v1")), List.of());
        assertThat(view.removing()).containsExactly("gateway.networking.k8s.io/v1beta1");
        assertThat(discovery(GATEWAY, "gateway.networking.k8s.io/v1beta1").without(view.removing()).served()).containsOnlyKeys(GATEWAY);
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
