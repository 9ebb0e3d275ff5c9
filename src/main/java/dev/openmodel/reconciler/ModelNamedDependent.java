package dev.openmodel.reconciler;

import dev.openmodel.api.v1alpha1.OpenModel;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.util.Optional;

/**
 * An object the operator server-side applies for a model under the model's own name and
 * namespace (its Deployment, its Service), compared with the desired state only when something
 * the comparison reads has changed since it last matched ({@link MatchMemo}).
 */
public abstract class ModelNamedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, OpenModel> {
    private final MatchMemo memo = new MatchMemo();

    protected ModelNamedDependent(Class<R> type) {
        super(type);
    }

    /** Everything {@code desired} reads besides the model's name and namespace, compared by {@code equals}. */
    protected abstract Object inputs(OpenModel model, Context<OpenModel> context);

    /** The SDK's comparison, skipped while neither the inputs nor the object changed since it last matched. */
    @Override
    public Matcher.Result<R> match(R actual, OpenModel model, Context<OpenModel> context) {
        return memo.match(ResourceID.fromResource(model), inputs(model, context), MatchMemo.Shape.of(actual), () -> super.match(actual, model, context),
                this::exists);
    }

    /**
     * What the API server answered the create with is the desired state: no comparison needed until
     * something changes. The answer is trimmed as the informer's store trims the object (the
     * operator's own Apply entry only, its field set made compact) before the SDK caches it until
     * the watch event comes: the memo holds that entry, and a thousand models created at once held
     * their decoded field sets (about 20 KB each) until their next reconcile.
     */
    @Override
    protected void onCreated(OpenModel model, R created, Context<OpenModel> context) {
        super.onCreated(model, trimmed(created), context);
        remember(model, created, context);
    }

    /** The same for an update (the object had drifted, or the model changed). */
    @Override
    protected void onUpdated(OpenModel model, R updated, R actual, Context<OpenModel> context) {
        super.onUpdated(model, trimmed(updated), actual, context);
        remember(model, updated, context);
    }

    private R trimmed(R answer) {
        TrimmedStore.trim(answer, TrimmedStore.OWN_APPLY);
        return answer;
    }

    private void remember(OpenModel model, R applied, Context<OpenModel> context) {
        memo.applied(ResourceID.fromResource(model), inputs(model, context), MatchMemo.Shape.of(applied), this::exists);
    }

    private boolean exists(ResourceID id) {
        return eventSource().flatMap(s -> s.get(id)).isPresent();
    }

    /**
     * The model's object, looked up by its name. The SDK's default collects every secondary object
     * of the type into a set first, hashing each whole object (fabric8's generated hashCode walks
     * the entire Deployment): 11% of the operator's CPU in reconciles that found nothing to do
     * (async-profiler, 1000 models, a node label re-checking all of them).
     */
    @Override
    public Optional<R> getSecondaryResource(OpenModel model, Context<OpenModel> context) {
        return eventSource().flatMap(source -> find(source, model));
    }

    /** The same for readers outside the dependent: the model's object of this type, if the model owns it. */
    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> Optional<T> of(OpenModel model, Context<OpenModel> context, Class<T> type) {
        return find((InformerEventSource<T, OpenModel>) context.eventSourceRetriever().getEventSourceFor(type), model);
    }

    private static <T extends HasMetadata> Optional<T> find(InformerEventSource<T, OpenModel> source, OpenModel model) {
        return source.get(ResourceID.fromResource(model)).filter(r -> ownedBy(r, model));
    }

    /**
     * What makes an object a model's secondary for the SDK (its owner-reference index): an owner
     * reference to an OpenModel of that name, in the object's namespace.
     */
    static boolean ownedBy(HasMetadata object, OpenModel model) {
        var owners = object.getMetadata().getOwnerReferences();
        if (owners == null) {
            return false;
        }
        for (var owner : owners) {
            if (model.getKind().equals(owner.getKind()) && model.getMetadata().getName().equals(owner.getName())
                    && owner.getApiVersion() != null && owner.getApiVersion().startsWith(OpenModel.GROUP + "/")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The object has its model's name and namespace. The SDK's default renders the whole desired
     * object to learn that, on every reconcile: 8.6% of the operator's CPU in a 1000-model rollout (JFR).
     */
    @Override
    protected ResourceID targetSecondaryResourceID(OpenModel model, Context<OpenModel> context) {
        return ResourceID.fromResource(model);
    }
}
