package dev.openmodel.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
}
