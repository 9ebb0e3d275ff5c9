package dev.openmodel.crd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrdDriftTest {

    @Test
    void committedCrdsMatchTheJavaClasses() throws IOException {
        Map<String, String> generated = CrdFiles.render();
        assertThat(generated).isNotEmpty();
        for (Map.Entry<String, String> file : generated.entrySet()) {
            Path committed = Path.of("crds", file.getKey());
            assertThat(committed).as("crds/%s is missing: run `make crds`", file.getKey()).exists();
            assertThat(Files.readString(committed))
                    .as("crds/%s differs from the Java classes: run `make crds` and commit the result", file.getKey())
                    .isEqualTo(file.getValue());
        }
    }

    @Test
    void everyFieldHasADescriptionForKubectlExplain() throws IOException {
        for (Map.Entry<String, String> file : CrdFiles.render().entrySet()) {
            JsonNode schema = new YAMLMapper().readTree(file.getValue()).path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema");
            List<String> bare = new ArrayList<>();
            collectBare(schema, "", bare);
            assertThat(bare).as("fields without a description in %s", file.getKey()).isEmpty();
        }
    }

    private static void collectBare(JsonNode node, String path, List<String> bare) {
        node.path("properties").fields().forEachRemaining(e -> {
            String p = path + "." + e.getKey();
            if (!e.getValue().has("description")) {
                bare.add(p);
            }
            collectBare(e.getValue(), p, bare);
            if (e.getValue().has("items")) {
                collectBare(e.getValue().get("items"), p + "[]", bare);
            }
        });
    }
}
