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
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the ConformanceReport "cluster" current: read again when a CRD or an APIService changes
 * (installing the Gateway API or Kueue shows within seconds), when a node's accelerators or
 * labels change, and at least every five minutes. Reads only; writes the report's status.
 */
@ControllerConfiguration(name = ConformanceReportReconciler.NAME, fieldManager = OpenModelReconciler.FIELD_MANAGER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
public class ConformanceReportReconciler implements Reconciler<ConformanceReport> {
    public static final String NAME = "conformance";
    private static final Set<ResourceID> REPORT = Set.of(new ResourceID(ConformanceReport.NAME));
    /** How long to wait before looking again while discovery has not caught up with the CRDs. */
    static final Duration SETTLE = Duration.ofSeconds(2);
    static final int SETTLE_ATTEMPTS = 30;

    /** CRD group/versions seen at the last reconcile, so that one gone from the CRDs but still in discovery is looked at again. */
    private Set<String> lastCrdGroupVersions = Set.of();
    private final Set<String> goneCrdGroupVersions = new HashSet<>();
    private int settleAttempts;

    @Override
    public List<EventSource<?, ConformanceReport>> prepareEventSources(EventSourceContext<ConformanceReport> context) {
        var crds = InformerEventSourceConfiguration.from(CustomResourceDefinition.class, ConformanceReport.class).withName("crds")
                .withSecondaryToPrimaryMapper(crd -> REPORT).build(); // status too: a CRD is served once Established
        var apiServices = InformerEventSourceConfiguration.from(APIService.class, ConformanceReport.class).withName("apiservices")
                .withSecondaryToPrimaryMapper(s -> REPORT).build();
        var nodes = InformerEventSourceConfiguration.from(Node.class, ConformanceReport.class).withName("report-nodes")
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
        List<OpenModel> models = client.resources(OpenModel.class).inAnyNamespace().list().getItems();
        int conformant = (int) models.stream().filter(m -> m.getStatus() != null && m.getStatus().conditions != null && m.getStatus().conditions.stream()
                .anyMatch(c -> c.getType().equals(Conditions.CONFORMANT) && c.getStatus().equals(Conditions.TRUE))).count();
        ClusterEvidence evidence = ClusterObserver.observe(client, models.size(), conformant);
        ConformanceReportStatus status = status(evidence);
        boolean settling = discoveryLags(ClusterObserver.crdGroupVersions(context.getSecondaryResources(CustomResourceDefinition.class)), evidence);
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

    /**
     * The API server updates discovery a moment after a CRD is established or removed, and the CRD
     * event may arrive first: then the report would show the old state until the next periodic run.
     * True while discovery still disagrees with the CRDs (a removed CRD's group/version still served,
     * an established one not yet), for at most {@link #SETTLE_ATTEMPTS} looks in a row.
     */
    synchronized boolean discoveryLags(Set<String> crdGroupVersions, ClusterEvidence evidence) {
        for (String gv : lastCrdGroupVersions) {
            if (!crdGroupVersions.contains(gv)) {
                goneCrdGroupVersions.add(gv);
            }
        }
        goneCrdGroupVersions.removeAll(crdGroupVersions);
        lastCrdGroupVersions = Set.copyOf(crdGroupVersions);
        goneCrdGroupVersions.removeIf(gv -> !evidence.served().containsKey(gv));
        boolean lags = !goneCrdGroupVersions.isEmpty() || !evidence.served().keySet().containsAll(crdGroupVersions);
        if (!lags) {
            settleAttempts = 0;
            return false;
        }
        return ++settleAttempts <= SETTLE_ATTEMPTS;
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
