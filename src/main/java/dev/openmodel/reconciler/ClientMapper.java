package dev.openmodel.reconciler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserSequence;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.HandlerInstantiator;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.fabric8.kubernetes.api.model.FieldsV1;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.internal.KubernetesDeserializer;
import io.fabric8.kubernetes.model.jackson.UnmatchedFieldTypeModule;
import io.quarkus.kubernetes.client.KubernetesClientObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * The Kubernetes client's JSON mapper, made cheaper for what the operator decodes all day (watch
 * events) and encodes on every reconcile (the SSA matcher turns each desired object into a map).
 *
 * <p>Bean properties are set and read through generated lambdas instead of reflection (Jackson's
 * Blackbird module), in JVM mode only: a native image cannot define classes at run time and has
 * no reflection cost to save. Measured on a Pod and a Deployment as the API server sends them
 * (C1 only, as shipped), Blackbird alone: decoding 53.8 to 52.2 us, the matcher's conversion of a
 * Deployment to a map 30.5 to 25.7 us; with the skipping below as well, 46.5 and 17.8 us.
 *
 * <p>managedFields are decoded without the field sets of other managers. Every watch event carries them
 * (for a Pod, the controller manager's set mirrors its whole spec), each "f:" key becomes a map,
 * and the operator reads only its own Apply set (the SDK's server-side-apply matcher); the item
 * stores drop the rest afterwards ({@link TrimmedStore}). Skipping them while parsing saves the
 * maps. Other managers' entries keep their manager, operation, time and subresource, with no
 * {@code fieldsV1}: an object read this way must never be sent back whole with PUT (which would
 * take the field sets as the new ones); the operator only ever applies what it renders.
 *
 * <p>Relies on the API server writing {@code manager} before {@code fieldsV1}, as Go's encoder
 * does in the struct's order for built-in types. Custom resources come as maps with their keys
 * sorted, {@code fieldsV1} before {@code manager}: their field sets are all skipped, as nothing
 * reads them (the operator's own status set of an OpenModel was decoded whole before, about a
 * third of each OpenModel's bytes, in the initial list and in every watch event). Measured,
 * skipping alone: a Pod and a Deployment decoded in 48.3 instead of 53.8 us, their metadata alone
 * in 8.1 instead of 10.2 us.
 */
@Singleton
public class ClientMapper implements KubernetesClientObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("openmodel-managed-fields").addDeserializer(ManagedFieldsEntry.class, new EntryDeserializer())
                .addDeserializer(WatchEvent.class, new WatchEventDeserializer()));
        if (System.getProperty("org.graalvm.nativeimage.imagecode") == null) {
            // Jackson runs the bean modifiers of the module registered last first. The client's module for
            // fields of an unexpected type wraps every property; registered after Blackbird (as the client
            // does when it builds its serialization on this mapper), it wrapped them before Blackbird saw
            // them, and Blackbird left wrapped properties to reflection (7-8% of the CPU profile). So it is
            // registered here, before Blackbird: Blackbird replaces the properties, the client's module
            // wraps those, and the client's own registration of the same module is then ignored as a duplicate.
            mapper.registerModule(new UnmatchedFieldTypeModule());
            mapper.registerModule(new com.fasterxml.jackson.module.blackbird.BlackbirdModule());
        }
    }

    /** An object read field by field into a new value: {@link #field} is handed each name with the parser on its value. */
    abstract static class FieldByField<T> extends StdDeserializer<T> {
        private final java.util.function.Supplier<T> newValue;

        FieldByField(Class<T> type, java.util.function.Supplier<T> newValue) {
            super(type);
            this.newValue = newValue;
        }

        abstract void field(T target, String name, JsonToken value, JsonParser p, DeserializationContext ctxt) throws IOException;

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            T target = newValue.get();
            JsonToken t = p.currentToken() == JsonToken.START_OBJECT ? p.nextToken() : p.currentToken();
            for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                field(target, name, p.nextToken(), p, ctxt);
            }
            if (t != JsonToken.END_OBJECT) {
                @SuppressWarnings("unchecked")
                T unexpected = (T) ctxt.handleUnexpectedToken(handledType(), p);
                return unexpected;
            }
            return target;
        }
    }

    static final class EntryDeserializer extends FieldByField<ManagedFieldsEntry> {
        EntryDeserializer() {
            super(ManagedFieldsEntry.class, ManagedFieldsEntry::new);
        }

        @Override
        void field(ManagedFieldsEntry entry, String name, JsonToken value, JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (name) {
                case "manager" -> entry.setManager(p.getValueAsString());
                case "operation" -> entry.setOperation(p.getValueAsString());
                case "apiVersion" -> entry.setApiVersion(p.getValueAsString());
                case "time" -> entry.setTime(p.getValueAsString());
                case "fieldsType" -> entry.setFieldsType(p.getValueAsString());
                case "subresource" -> entry.setSubresource(p.getValueAsString());
                case "fieldsV1" -> {
                    // No manager yet: the keys come sorted, so this is a custom resource, whose field sets
                    // nothing reads (the SDK's matcher compares only the Deployments, Services and claims
                    // the operator applies; the item stores drop the custom resources' managedFields).
                    if (value == JsonToken.VALUE_NULL || !OpenModelReconciler.FIELD_MANAGER.equals(entry.getManager())) {
                        p.skipChildren();
                    } else {
                        entry.setFieldsV1(ctxt.readValue(p, FieldsV1.class));
                    }
                }
                default -> entry.setAdditionalProperty(name, ctxt.readValue(p, Object.class));
            }
        }
    }

    /** A watch event, its object decoded in one pass into the class the client registers for its kind. */
    static final class WatchEventDeserializer extends FieldByField<WatchEvent> {
        WatchEventDeserializer() {
            super(WatchEvent.class, WatchEvent::new);
        }

        @Override
        void field(WatchEvent event, String name, JsonToken value, JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (name) {
                case "type" -> event.setType(p.getValueAsString());
                case "object" -> event.setObject(value == JsonToken.VALUE_NULL ? null : resource(p, ctxt));
                default -> event.setAdditionalProperty(name, ctxt.readValue(p, Object.class));
            }
        }

        /**
         * The object at the parser (its START_OBJECT): the fields up to apiVersion and kind are kept in
         * a buffer, then buffer and parser are read as one by the registered class's deserializer.
         */
        static KubernetesResource resource(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return client(ctxt).deserialize(p, ctxt);
            }
            TokenBuffer head = ctxt.bufferForInputBuffering(p);
            head.writeStartObject();
            String apiVersion = null;
            String kind = null;
            while (apiVersion == null || kind == null) {
                JsonToken t = p.nextToken();
                if (t != JsonToken.FIELD_NAME) { // the whole object read, without both: the client's way
                    head.copyCurrentEvent(p);
                    return fromBuffer(head, p, ctxt);
                }
                String name = p.currentName();
                head.writeFieldName(name);
                p.nextToken();
                if ("apiVersion".equals(name) && p.currentToken() == JsonToken.VALUE_STRING) {
                    apiVersion = p.getText();
                } else if ("kind".equals(name) && p.currentToken() == JsonToken.VALUE_STRING) {
                    kind = p.getText();
                }
                head.copyCurrentStructure(p);
            }
            KubernetesDeserializer client = client(ctxt);
            Class<? extends KubernetesResource> type = client.getRegisteredKind(apiVersion, kind);
            if (type == null) { // a kind the client decodes generically (or as a list): the rest buffered, the client's way
                for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
                    head.copyCurrentStructure(p);
                }
                head.writeEndObject();
                return fromBuffer(head, p, ctxt);
            }
            // The buffer holds START_OBJECT and the fields read; the parser stands on the last of them, so
            // the sequence goes on with the parser's next token (the next field, or the object's end).
            JsonParser both = JsonParserSequence.createFlattened(false, head.asParser(p), p);
            both.nextToken();
            return ctxt.readValue(both, type);
        }

        private static KubernetesResource fromBuffer(TokenBuffer whole, JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonParser buffered = whole.asParser(p);
            buffered.nextToken();
            return client(ctxt).deserialize(buffered, ctxt);
        }

        /** The client's own deserializer (its registry of kinds), as its handler instantiator hands it to WatchEvent. */
        private static KubernetesDeserializer client(DeserializationContext ctxt) {
            HandlerInstantiator instantiator = ctxt.getConfig().getHandlerInstantiator();
            if (instantiator != null && instantiator.deserializerInstance(ctxt.getConfig(), null, KubernetesDeserializer.class)
                    instanceof KubernetesDeserializer own) {
                return own;
            }
            return Fallback.DESERIALIZER;
        }

        /** Only without the client's handler instantiator (never in the operator): made on first use, not at start-up. */
        private static final class Fallback {
            static final KubernetesDeserializer DESERIALIZER = new KubernetesDeserializer();
        }
    }
}
