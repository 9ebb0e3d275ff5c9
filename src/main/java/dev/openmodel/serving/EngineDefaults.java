package dev.openmodel.serving;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.openmodel.api.v1alpha1.Engine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** How each inference engine is started, loaded once from {@code engines.yaml}. */
public record EngineDefaults(String image, List<String> command, List<String> args, List<String> revisionArgs,
        List<String> trustRemoteCodeArgs, List<String> safetensorsOnlyArgs, int port, String healthPath, String metricsPath, String api,
        List<EngineOverrides.Owned> owned) {

    /** The image repository of the default image, without tag or digest: overrides from it are the engine's own builds. */
    public String imageRepository() {
        String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        return colon > slash ? ref.substring(0, colon) : ref;
    }

    private static final Map<Engine, EngineDefaults> ALL = load();

    public static EngineDefaults of(Engine engine) {
        return ALL.get(engine);
    }

    private static Map<Engine, EngineDefaults> load() {
        try (InputStream in = EngineDefaults.class.getResourceAsStream("/engines.yaml")) {
            Map<String, EngineDefaults> raw = new ObjectMapper(new YAMLFactory()).readValue(in, new TypeReference<>() {
            });
            Map<Engine, EngineDefaults> byEngine = new EnumMap<>(Engine.class);
            for (Engine engine : Engine.values()) {
                EngineDefaults defaults = raw.get(engine.name());
                if (defaults == null) {
                    throw new IllegalStateException("engines.yaml has no entry for engine " + engine);
                }
                byEngine.put(engine, defaults);
            }
            return byEngine;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read engines.yaml", e);
        }
    }
}
