package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.ModelPolicy;
import dev.openmodel.api.v1alpha1.OpenModel;
import dev.openmodel.api.v1alpha1.OpenModelStatus;
import dev.openmodel.serving.Labels;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.AggregatedOperatorException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import java.util.concurrent.TimeUnit;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Serves each OpenModel: {@link #reconcile} decides the gate, applies the Deployment and Service
 * (the workflow's dependents), then reads what the cluster made of them and reports it in status.
 */
// Invoked by reconcile() once the gate is decided: the SDK evaluates the dependents' preconditions
// while holding its workflow's lock, and the first one would otherwise decide the gate and read
// names from the API server there, while the node threads it has already started spin on that
// lock to report back (8.5% of the operator's CPU in a 1000-model rollout, JFR).
@Workflow(explicitInvocation = true, dependents = {
        // resource.k8s.io/v1 is served from Kubernetes 1.34 on, the oldest OpenModel supports.
        @Dependent(name = "claims", type = ResourceClaimTemplateDependent.class, reconcilePrecondition = DraRequested.class),
        // The Service first: when someone else's object holds one of the names, the create the SDK makes
        // conditional (resourceVersion set) is refused, and no pods were started for a model that cannot be served.
        @Dependent(name = "service", type = ServiceDependent.class, reconcilePrecondition = ServingAllowed.class),
        @Dependent(name = "deployment", type = DeploymentDependent.class, reconcilePrecondition = ServingAllowed.class, dependsOn = "service")
})
@ControllerConfiguration(name = OpenModelReconciler.NAME, fieldManager = OpenModelReconciler.FIELD_MANAGER,
        maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES),
        informer = @io.javaoperatorsdk.operator.api.config.informer.Informer(itemStore = TrimmedStore.NoManagedFields.class))
// Retries never give up for good: a cause that outlives a fixed budget (an API server outage, a
// terminating namespace) must not leave ReconcileError behind once it is gone.
@GradualRetry(maxAttempts = -1, initialInterval = 2000, intervalMultiplier = 2, maxInterval = 60000)
public class OpenModelReconciler implements Reconciler<OpenModel> {
    public static final String NAME = "openmodel";
    public static final String FIELD_MANAGER = "openmodel-operator";
    static final Duration CONFLICT_RECHECK = Duration.ofSeconds(30);

    /** Quarkus injects its (Prometheus) registry; run by plain java-operator-sdk, the global one is used. */
    @Inject
    MeterRegistry meterRegistry;
    /** openmodel_reconciles_total: reconciliations finished (how far a restart has got through the models). */
    private Counter reconciles;

    /**
     * For the informers whose change concerns every model (policies, namespaces, nodes): the gate
     * reads them from their caches, never as a model's secondaries, so the SDK need not keep its
     * primary-to-secondary index, which held every node for every model (132 nodes x 1000 models:
     * 143,000 ResourceIDs, about 9 MB, in the class histogram).
     */
    private static final io.javaoperatorsdk.operator.processing.event.source.PrimaryToSecondaryMapper<OpenModel> NO_INDEX = model -> Set.of();

    /** Their listed objects' ADD events re-reconciled every model after a restart (AddedSinceStart). */
    private final AddedSinceStart<ModelPolicy> policiesAdded = new AddedSinceStart<>();
    private final AddedSinceStart<Namespace> namespacesAdded = new AddedSinceStart<>();
    private final AddedSinceStart<Node> nodesAdded = new AddedSinceStart<>();

    @Override
    public List<EventSource<?, OpenModel>> prepareEventSources(EventSourceContext<OpenModel> context) {
        MeterRegistry registry = meterRegistry != null ? meterRegistry : Metrics.globalRegistry;
        ModelCache.use(context.getPrimaryCache());
        ModelMetrics.register(registry);
        reconciles = Counter.builder("openmodel.reconciles").description("OpenModel reconciliations finished since the operator started")
                .register(registry);
        // Pods belong to ReplicaSets, not to the OpenModel: map them back by our model label.
        var pods = InformerEventSourceConfiguration.from(Pod.class, OpenModel.class)
                .withName("pods")
                .withLabelSelector(Labels.MANAGED_SELECTOR)
                .withItemStore(new TrimmedStore.Pods())
                .withInformerListLimit(TrimmedStore.LIST_PAGE)
                // Most pod updates (containers started, probes passed) change nothing the status reads.
                .withOnUpdateFilter(ServingObservation::mattersToStatus)
                .withOnAddFilter(ServingObservation::mattersToStatus)
                .withSecondaryToPrimaryMapper(pod -> Optional.ofNullable(pod.getMetadata().getLabels())
                        .map(l -> l.get(Labels.MODEL))
                        .map(model -> Set.of(new ResourceID(model, pod.getMetadata().getNamespace())))
                        .orElse(Set.of()))
                .build();
        // A policy change re-evaluates every model (a model may name it, or fall back to it).
        var policies = InformerEventSourceConfiguration.from(ModelPolicy.class, OpenModel.class)
                .withName("policies")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(policy -> allModels(context, null))
                .withPrimaryToSecondaryMapper(NO_INDEX)
                .withOnAddFilter(policiesAdded)
                .build();
        // The namespace label openmodel.dev/policy selects the policy of the models in it.
        var namespaces = InformerEventSourceConfiguration.from(Namespace.class, OpenModel.class)
                .withName("namespaces")
                .withWatchAllNamespaces()
                .withSecondaryToPrimaryMapper(ns -> allModels(context, ns.getMetadata().getName()))
                .withPrimaryToSecondaryMapper(NO_INDEX)
                .withOnAddFilter(namespacesAdded)
                .withOnUpdateFilter((now, before) -> !Objects.equals(labelOf(now), labelOf(before)))
                .build();
        // GPU nodes size the fit check: a node that appears, goes or changes its accelerators re-checks every model.
        var nodes = InformerEventSourceConfiguration.from(Node.class, OpenModel.class)
                .withName("nodes")
                .withWatchAllNamespaces()
                .withItemStore(new TrimmedStore.NoManagedFields<>())
                .withSecondaryToPrimaryMapper(node -> allModels(context, null))
                .withPrimaryToSecondaryMapper(NO_INDEX)
                .withOnAddFilter(nodesAdded)
                .withOnUpdateFilter((now, before) -> !Objects.equals(now.getMetadata().getLabels(), before.getMetadata().getLabels())
                        || !Objects.equals(now.getStatus() == null ? null : now.getStatus().getAllocatable(),
                                before.getStatus() == null ? null : before.getStatus().getAllocatable()))
                .build();
        // Reads of models' sources finish off the reconcile threads and wake the models waiting on them.
        var sources = new SimpleInboundEventSource<OpenModel>("sources");
        SourceCache.shared().connect(sources::propagateEvent, context.getClient(), meterRegistry);
        return List.of(new InformerEventSource<>(pods, context), new InformerEventSource<>(policies, context),
                new InformerEventSource<>(namespaces, context), new InformerEventSource<>(nodes, context), sources);
    }

    private static Set<ResourceID> allModels(EventSourceContext<OpenModel> context, String namespace) {
        return context.getPrimaryCache().list(m -> namespace == null || namespace.equals(m.getMetadata().getNamespace()))
                .map(ResourceID::fromResource).collect(Collectors.toSet());
    }

    private static String labelOf(Namespace ns) {
        return ns.getMetadata().getLabels() == null ? null : ns.getMetadata().getLabels().get(ModelGate.POLICY_LABEL);
    }

    @Override
    public UpdateControl<OpenModel> reconcile(OpenModel model, Context<OpenModel> context) {
        if (!nodesAdded.remembered()) { // the last of the three to remember
            rememberListed(context);
        }
        try {
            if (ModelGate.namespaceOf(model, context).map(ns -> ns.getMetadata().getDeletionTimestamp() != null).orElse(false)) {
                // The namespace is being deleted (its deletionTimestamp is set in the same write as phase Terminating):
                // its controller is deleting everything in it, the model too, and re-creating what it
                // removed first would only be refused ("being terminated") and retried until the model is gone.
                return UpdateControl.noUpdate();
            }
            return serve(model, context);
        } finally {
            if (reconciles != null) {
                reconciles.increment();
            }
        }
    }

    /** Each filter remembers once; a reconcile that finds them remembered already reads after their snapshots. */
    private void rememberListed(Context<OpenModel> context) {
        var sources = context.eventSourceRetriever();
        policiesAdded.remember(((InformerEventSource<ModelPolicy, OpenModel>) sources.getEventSourceFor(ModelPolicy.class, "policies")).list());
        namespacesAdded.remember(((InformerEventSource<Namespace, OpenModel>) sources.getEventSourceFor(Namespace.class, "namespaces")).list());
        nodesAdded.remember(((InformerEventSource<Node, OpenModel>) sources.getEventSourceFor(Node.class, "nodes")).list());
    }

    private UpdateControl<OpenModel> serve(OpenModel model, Context<OpenModel> context) {
        ModelGate gate = ModelGate.of(model, context);
        // The dependents' preconditions find it decided (PerReconcile): nothing slow runs under the workflow's lock.
        NameConflicts conflicts = applyDependents(model, context);
        ServingObservation observed = new ServingObservation(
                ModelNamedDependent.of(model, context, Deployment.class),
                List.copyOf(context.getSecondaryResources(Pod.class)),
                ModelNamedDependent.of(model, context, Service.class).isPresent());
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        OpenModelStatus status = StatusAggregator.aggregate(model, gate, gate.desiredReplicas(model), observed, conflicts, now);
        // Our informers only see our own objects: look again for a foreign one to be gone.
        Duration recheck = conflicts.any() ? CONFLICT_RECHECK : null;
        if (status.equals(model.getStatus())) {
            return recheck == null ? UpdateControl.noUpdate() : UpdateControl.<OpenModel>noUpdate().rescheduleAfter(recheck);
        }
        announceChanges(model, status, context);
        OpenModel patch = statusPatch(model, status);
        return recheck == null ? UpdateControl.patchStatus(patch) : UpdateControl.patchStatus(patch).rescheduleAfter(recheck);
    }

    /**
     * Applies the Deployment and Service. A name held by an object the informers do not see (not
     * ours) refuses the SDK's conditional create with a conflict; only then is the API server asked
     * whose it is, so that the status can say. Anything else fails the reconcile.
     */
    private static NameConflicts applyDependents(OpenModel model, Context<OpenModel> context) {
        try {
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            return NameConflicts.NONE;
        } catch (AggregatedOperatorException e) {
            if (!e.getAggregatedExceptions().values().stream().allMatch(NameConflicts::refusedCreate)) {
                throw e;
            }
            NameConflicts found = NameConflicts.find(model, context);
            if (!found.any()) {
                throw e; // our own object, not yet in the cache: retried
            }
            return found;
        }
    }

    /** A reconcile that failed (API errors, invalid objects) says so in status instead of only in the log. */
    @Override
    public ErrorStatusUpdateControl<OpenModel> updateErrorStatus(OpenModel model, Context<OpenModel> context, Exception e) {
        long generation = model.getMetadata().getGeneration() == null ? 0 : model.getMetadata().getGeneration();
        OpenModelStatus status = model.getStatus() == null ? new OpenModelStatus() : model.getStatus();
        String message = String.valueOf(e.getMessage());
        status.conditions = new Conditions(status.conditions, generation, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                .keep(status.conditions)
                .set(Conditions.READY, Conditions.FALSE, "ReconcileError", dev.openmodel.text.Escape.message(message, 1000))
                .build();
        return ErrorStatusUpdateControl.patchStatus(statusPatch(model, status));
    }

    /** Only name, namespace and status: the operator never sends a model's spec back. */
    public static OpenModel statusPatch(OpenModel model, OpenModelStatus status) {
        OpenModel patch = new OpenModel();
        patch.getMetadata().setName(model.getMetadata().getName());
        patch.getMetadata().setNamespace(model.getMetadata().getNamespace());
        patch.setStatus(status);
        return patch;
    }

    /** What was last announced per model (by uid), so that a reconcile on a stale cache does not announce twice. */
    private final java.util.concurrent.ConcurrentHashMap<String, Announced> announced = new java.util.concurrent.ConcurrentHashMap<>();
    /** Size of the memory at which deleted models are next swept out: doubles with what is live, so sweeping stays off the hot path. */
    private volatile int sweepAt = 256;

    /** The announced state of a model: its compliance decision, its unschedulable message, whether it is Ready. */
    record Announced(String compliance, String unschedulable, boolean ready) {
        static Announced of(List<Condition> conditions) {
            if (conditions == null || conditions.isEmpty()) {
                return null;
            }
            // Unknown (the source is still being read) is no decision yet.
            String compliance = Conditions.find(conditions, Conditions.POLICY_COMPLIANT).filter(c -> !"Unknown".equals(c.getStatus()))
                    .map(c -> c.getStatus() + ":" + c.getMessage()).orElse(null);
            String unschedulable = Conditions.find(conditions, Conditions.SCHEDULED).filter(c -> "Unschedulable".equals(c.getReason()))
                    .map(Condition::getMessage).orElse(null);
            return new Announced(compliance, unschedulable, Conditions.isTrue(conditions, Conditions.READY));
        }
    }

    /**
     * Events for transitions a person acts on: a model refused (or its refusal changed), compliant
     * again after a refusal, unschedulable (or why changed), Ready. A new model that is compliant is
     * no news. Compared with what this process last announced for the model, else with its status.
     */
    private void announceChanges(OpenModel model, OpenModelStatus status, Context<OpenModel> context) {
        String uid = model.getMetadata().getUid();
        Announced now = Announced.of(status.conditions);
        Announced before = uid == null ? null : announced.get(uid);
        if (before == null) {
            before = Announced.of(model.getStatus() == null ? null : model.getStatus().conditions);
        }
        Condition compliant = Conditions.find(status.conditions, Conditions.POLICY_COMPLIANT).orElseThrow();
        boolean compliantNow = Conditions.TRUE.equals(compliant.getStatus());
        if (now.compliance() != null && !Objects.equals(before == null ? null : before.compliance(), now.compliance())) {
            if (!compliantNow) {
                ModelEvents.warning(context.getClient(), model, compliant.getReason(), compliant.getMessage());
            } else if (before != null && before.compliance() != null) {
                ModelEvents.normal(context.getClient(), model, "PolicyCompliant", compliant.getMessage());
            }
        }
        if (now.unschedulable() != null && !Objects.equals(before == null ? null : before.unschedulable(), now.unschedulable())) {
            ModelEvents.warning(context.getClient(), model, "Unschedulable", now.unschedulable());
        }
        if (now.ready() && (before == null || !before.ready())) {
            ModelEvents.normal(context.getClient(), model, "Ready", Conditions.find(status.conditions, Conditions.READY).orElseThrow().getMessage());
        }
        if (uid != null) {
            announced.put(uid, now);
            forgetDeletedModels(context);
        }
    }

    /** Keeps the announcement memory to the models that exist (swept when it has grown past them). */
    private void forgetDeletedModels(Context<OpenModel> context) {
        if (announced.size() > sweepAt) {
            Set<String> live = context.getPrimaryCache().list().map(m -> m.getMetadata().getUid()).collect(Collectors.toSet());
            announced.keySet().retainAll(live);
            sweepAt = Math.max(256, 2 * announced.size());
        }
    }
}
