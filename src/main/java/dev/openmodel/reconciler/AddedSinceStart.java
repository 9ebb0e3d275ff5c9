package dev.openmodel.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnAddFilter;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lets through only the ADD events of objects that appeared after the first reconcile began, for
 * the informers whose every event concerns every model (nodes, namespaces, policies).
 *
 * <p>The SDK starts reconciling only once every informer has listed, so every reconcile reads the
 * objects that were listed: their ADD events ask for nothing new. But the informer hands them out
 * after listing, each mapped to every model, and those handed out after event processing began
 * were each a reconcile of every model: on a restart with 1000 models and 132 nodes, 1,575 to
 * 8,000 reconciles beyond the 1000 needed (132,000 events). The UIDs in the caches when the first
 * reconcile begins are remembered ({@link #remember}); an ADD of one of them, or any ADD before
 * then (no model has been reconciled yet, so none has missed it), is dropped. An object created
 * later, or deleted and created again (a new UID), passes. Updates and deletions are not filtered
 * here.
 */
final class AddedSinceStart<R extends HasMetadata> implements OnAddFilter<R> {
    private volatile Set<String> listed;

    @Override
    public boolean accept(R resource) {
        Set<String> known = listed;
        return known != null && !known.contains(resource.getMetadata().getUid());
    }

    /** Once: the UIDs in the cache now, before the first reconcile reads it. */
    void remember(Stream<R> cached) {
        if (listed == null) {
            synchronized (this) {
                if (listed == null) {
                    listed = cached.map(r -> r.getMetadata().getUid()).collect(Collectors.toUnmodifiableSet());
                }
            }
        }
    }

    boolean remembered() {
        return listed != null;
    }
}
