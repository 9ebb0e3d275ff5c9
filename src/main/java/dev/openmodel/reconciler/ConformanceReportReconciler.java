package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.ConformanceReport;
import dev.openmodel.api.v1alpha1.ConformanceReportStatus;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.conformance.Checklist;
import dev.openmodel.conformance.ClusterEvidence;
import dev.openmodel.conformance.ClusterObserver;
import dev.openmodel.conformance.ConformanceAssessor;
import io.fabric8.kubernetes.api.model.APIService;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Keeps the ConformanceReport "cluster" current: read again when a CRD or an APIService changes
 * (installing the Gateway API or Kueue shows within seconds), when a node's accelerators or
 * labels change, and at least every five minutes. Reads only; writes the report's status. Nodes,
 * APIServices and CRDs come from its informers and the OpenModels from the OpenModel controller's
 * cache ({@link ModelCache}): a look asks the API server for discovery alone.
 */
@ControllerConfiguration(name = ConformanceReportReconciler.NAME, fieldManager = OpenModelReconciler.FIELD_MANAGER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ConformanceReportReconciler implements Reconciler<ConformanceReport> {
    public static final String NAME = "conformance";
    private static final Logger LOG = Logger.getLogger(ConformanceReportReconciler.class);
    private static final Set<ResourceID> REPORT = Set.of(new ResourceID(ConformanceReport.NAME));
    /** How long to wait before looking again while discovery has not caught up with the CRDs. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    /** How long after the CRDs last changed discovery may disagree before the quick looks stop. */
    static final Duration SETTLE_WINDOW = Duration.ofSeconds(90);

    private final Clock clock;
    /** The CRDs of the watched groups at the last look, so that a change starts the settle window again. */
    private Set<String> lastCrds = Set.of();
    /** When the CRDs last changed (or discovery was first seen disagreeing since); null while they agree. */
    private Instant lagSince;

    public ConformanceReportReconciler() {
        this(Clock.systemUTC());
    }

    ConformanceReportReconciler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public List<EventSource<?, ConformanceReport>> prepareEventSources(EventSourceContext<ConformanceReport> context) {
        var crds = InformerEventSourceConfiguration.from(CustomResourceDefinition.class, ConformanceReport.class).withName("crds")
                .withSecondaryToPrimaryMapper(crd -> REPORT).build(); // status too: a CRD is served once Established
        var apiServices = InformerEventSourceConfiguration.from(APIService.class, ConformanceReport.class).withName("apiservices")
                .withSecondaryToPrimaryMapper(s -> REPORT).build();
        var nodes = InformerEventSourceConfiguration.from(Node.class, ConformanceReport.class).withName("report-nodes")
                .withItemStore(new TrimmedStore.NoManagedFields<>())
                .withSecondaryToPrimaryMapper(n -> REPORT)
                .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
                        || !Objects.equals(now.getStatus() == null ? null : now.getStatus().getAllocatable(),
                                before.getStatus() == null ? null : before.getStatus().getAllocatable()))
                .build();
        return List.of(new InformerEventSource<>(crds, context), new InformerEventSource<>(apiServices, context),
                new InformerEventSource<>(nodes, context));
    }

    @Override
    public UpdateControl<ConformanceReport> reconcile(ConformanceReport report, Context<ConformanceReport> context) {
        KubernetesClient client = context.getClient();
        Optional<Map<Boolean, Long>> byConformance = ModelCache.readSynced(
                models -> models.collect(Collectors.partitioningBy(ConformanceReportReconciler::conformant, Collectors.counting())));
        if (byConformance.isEmpty()) {
            // Both controllers start at once: the OpenModel controller's cache is still being filled.
            LOG.debug("conformance: the OpenModels are not all cached yet, looking again shortly");
            return UpdateControl.<ConformanceReport>noUpdate().rescheduleAfter(SETTLE);
        }
        int conformant = byConformance.get().get(true).intValue();
        int models = conformant + byConformance.get().get(false).intValue();
        Set<APIService> apiServices = context.getSecondaryResources(APIService.class);
        ClusterObserver.CrdView crds = ClusterObserver.crdView(context.getSecondaryResources(CustomResourceDefinition.class), apiServices);
        ClusterEvidence evidence = ClusterObserver.observe(client, context.getSecondaryResources(Node.class), apiServices, models, conformant)
                .without(crds.removing());
        ConformanceReportStatus status = status(evidence);
        boolean settling = discoveryLags(crds, evidence);
        LOG.debugf("conformance: served %s, CRDs %s, removing %s, discovery settling %s", evidence.served().keySet(), crds.objects(),
                crds.removing(), settling);
        UpdateControl<ConformanceReport> control;
        if (status.equals(report.getStatus())) {
            control = UpdateControl.noUpdate();
        } else {
            ConformanceReport patch = new ConformanceReport();
            patch.getMetadata().setName(ConformanceReport.NAME);
            patch.setStatus(status);
            control = UpdateControl.patchStatus(patch);
        }
        return settling ? control.rescheduleAfter(SETTLE) : control;
    }

    private static boolean conformant(OpenModel m) {
        return m.getStatus() != null && Conditions.isTrue(m.getStatus().conditions, Conditions.CONFORMANT);
    }

    /**
     * The API server updates discovery a moment after a CRD is established or removed, and the CRD
     * event may arrive first: then the report would show the old state until the next periodic run.
     * True while discovery disagrees with the CRDs: a group/version of a CRD-backed watched group
     * served though no established CRD (nor aggregated API server) serves it, as while a CRD is
     * being removed; or one an established CRD serves not listed yet. Compared with the CRDs as they
     * are, not with what an earlier look saw: a CRD added and removed between two looks is caught too.
     * For at most {@link #SETTLE_WINDOW} after the CRDs last changed: time, not a count of looks,
     * since every CRD event is a look and installing a project's CRDs brings dozens of them.
     */
    synchronized boolean discoveryLags(ClusterObserver.CrdView crds, ClusterEvidence evidence) {
        Instant now = clock.instant();
        boolean changed = !crds.objects().equals(lastCrds);
        lastCrds = crds.objects();
        Set<String> served = evidence.served().keySet();
        boolean stale = served.stream().anyMatch(gv -> ClusterObserver.crdBacked(gv) && !crds.groupVersions().contains(gv)
                && !crds.aggregated().contains(gv));
        boolean lags = stale || !served.containsAll(crds.groupVersions());
        if (!lags) {
            lagSince = null;
            return false;
        }
        if (changed || lagSince == null) {
            lagSince = now;
        }
        return !now.isAfter(lagSince.plus(SETTLE_WINDOW));
    }

    static ConformanceReportStatus status(ClusterEvidence evidence) {
        Checklist checklist = Checklist.forMinor(evidence.minor());
        List<ConformanceAssessor.Result> results = ConformanceAssessor.assess(checklist, evidence);
        ConformanceReportStatus s = new ConformanceReportStatus();
        s.kubernetesVersion = evidence.kubernetesVersion();
        s.checklist = "AIConformance-1." + checklist.minor();
        s.must = ConformanceAssessor.summary(results, "MUST");
        s.should = ConformanceAssessor.summary(results, "SHOULD");
        s.requirements = results.stream().map(r -> {
            ConformanceReportStatus.RequirementStatus x = new ConformanceReportStatus.RequirementStatus();
            x.id = r.id();
            x.category = r.category();
            x.level = r.level();
            x.status = r.status();
            x.evidence = r.evidence().isEmpty() ? null : r.evidence();
            x.reason = r.reason();
            return x;
        }).toList();
        return s;
    }

    /** Creates the report object if it is not there yet; the reconciler fills its status. */
    public static void ensure(KubernetesClient client) {
        try {
            if (client.resources(ConformanceReport.class).withName(ConformanceReport.NAME).get() == null) {
                ConformanceReport report = new ConformanceReport();
                report.getMetadata().setName(ConformanceReport.NAME);
                report.setSpec(new dev.openmodel.api.v1alpha1.ConformanceReportSpec());
                client.resource(report).create();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
